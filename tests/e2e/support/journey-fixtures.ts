import type postgres from "postgres";
import { userIdByEmail } from "./db";

const DAY = 24 * 60 * 60_000;

/**
 * A fresh week in **exploring** right now for the end-to-end voting journey:
 * - team A, led by `submitterEmail` (a fresh account), confirmed but without a demo — it submits one through the UI;
 * - teams B and C, one fresh presenter each, with demos already submitted (positions 1 and 2);
 * - `conflictedEmail` mentors team C (accepted), so they must never be offered C to judge.
 * People's choice allows 2 votes each. Pitching opened 55 days ago, earlier than the seed's current
 * week, so the home page keeps featuring that one and other tests are not affected.
 */
export async function journeyWeek(sql: postgres.Sql, token: string, submitterEmail: string, conflictedEmail: string) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const slug = `e2e-journey-${token}`;
  const name = `Journey week ${token}`;
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at,
      peoples_choice_votes)
    values (${name}, ${slug}, 'Europe/Berlin', ${at(-55 * DAY)}, ${at(-45 * DAY)}, ${at(-DAY)},
      ${at(3 * DAY)}, ${at(4 * DAY)}, ${at(5 * DAY)}, ${at(6 * DAY)}, ${at(7 * DAY)}, ${at(60 * DAY)}, 2)
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  const [department] = await sql<{ id: number }[]>`select id from departments order by id limit 1`;
  if (!department) throw new Error("no departments in the e2e database: is the demo data seeded?");

  const team = async (leadId: number, departmentId: number, label: string) => {
    const [idea] = await sql<{ id: number }[]>`
      insert into ideas (week_id, author_id, department_id, title, summary)
      values (${week.id}, ${leadId}, ${departmentId}, ${`Journey idea ${label} ${token}`}, 'Made for the voting journey.')
      returning id`;
    if (!idea) throw new Error("idea insert returned no row");
    const teamName = `Journey team ${label} ${token}`;
    const [row] = await sql<{ id: number }[]>`
      insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
      values (${week.id}, ${idea.id}, ${leadId}, ${teamName}, 6, now())
      returning id`;
    if (!row) throw new Error("team insert returned no row");
    await sql`insert into team_members (team_id, user_id, week_id, role) values (${row.id}, ${leadId}, ${week.id}, 'lead')`;
    return { teamId: row.id, teamName };
  };

  const submitterId = await userIdByEmail(sql, submitterEmail);
  const [submitter] = await sql<{ department_id: number }[]>`select department_id from users where id = ${submitterId}`;
  const teamA = await team(submitterId, submitter?.department_id ?? department.id, "A");

  const demos: Array<{ id: number; title: string; teamName: string; teamId: number }> = [];
  for (const [i, label] of (["B", "C"] as const).entries()) {
    const [person] = await sql<{ id: number }[]>`
      insert into users (email, name, department_id)
      values (${`journey-${token}-${label}@expedition.test`}, ${`Presenter ${label} ${token}`}, ${department.id})
      returning id`;
    if (!person) throw new Error("user insert returned no row");
    const t = await team(person.id, department.id, label);
    const title = `Journey demo ${label} ${token}`;
    const [demo] = await sql<{ id: number }[]>`
      insert into demos (week_id, team_id, title, summary, position)
      values (${week.id}, ${t.teamId}, ${title}, 'What we built this week.', ${i + 1})
      returning id`;
    if (!demo) throw new Error("demo insert returned no row");
    demos.push({ id: demo.id, title, ...t });
  }
  const [b, c] = demos;
  if (!b || !c) throw new Error("two demos expected");
  const mentorId = await userIdByEmail(sql, conflictedEmail);
  await sql`insert into team_mentors (team_id, user_id, status, requested_by_id, decided_at)
    values (${c.teamId}, ${mentorId}, 'accepted', ${mentorId}, now())`;
  return { weekId: week.id, slug, name, teamA, b, c };
}

/*
 * Phases are derived from the week's instants, so the journey moves time by moving the week's
 * boundaries, as the calendar would. This is test setup, not a shortcut through the UI under test.
 */

/** Exploring ended and the demo deadline passed a moment ago: the week is on demo day ("demos"). */
export async function closeSubmissions(sql: postgres.Sql, weekId: number) {
  await sql`update weeks set exploring_ends_at = now() - interval '2 minutes', demo_deadline_at = now() - interval '1 minute'
    where id = ${weekId}`;
}

/** Voting opened a moment ago. */
export async function openVotingNow(sql: postgres.Sql, weekId: number) {
  await sql`update weeks set voting_opens_at = now() - interval '30 seconds' where id = ${weekId}`;
}

/** Voting closed a moment ago; results are not published yet (that is the organiser's job). */
export async function closeVotingNow(sql: postgres.Sql, weekId: number) {
  await sql`update weeks set voting_closes_at = now() - interval '1 second' where id = ${weekId}`;
}
