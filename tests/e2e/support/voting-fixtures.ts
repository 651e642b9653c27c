import type postgres from "postgres";
import { userIdByEmail } from "./db";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A fresh week on demo day (voting opens tomorrow) with three demos by one-person teams of fresh
 * people; `conflictedEmail` mentors the third team (accepted), so they must never judge it. Pitching
 * opened 45 days ago, earlier than the seed's current week, so the home page keeps featuring that one.
 */
export async function votingWeekWithDemos(sql: postgres.Sql, token: string, conflictedEmail: string) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const slug = `e2e-voting-${token}`;
  const name = `Voting week ${token}`;
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at,
      peoples_choice_votes)
    values (${name}, ${slug}, 'Europe/Berlin', ${at(-45 * DAY)}, ${at(-35 * DAY)}, ${at(-7 * DAY)},
      ${at(-2 * DAY)}, ${at(-DAY)}, ${at(DAY)}, ${at(2 * DAY)}, ${at(3 * DAY)}, ${at(60 * DAY)}, 2)
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  const [department] = await sql<{ id: number }[]>`select id from departments order by id limit 1`;
  if (!department) throw new Error("no departments in the e2e database: is the demo data seeded?");
  const mentorId = await userIdByEmail(sql, conflictedEmail);
  const demos: Array<{ id: number; title: string; teamName: string; teamId: number }> = [];
  for (let i = 1; i <= 3; i++) {
    const [person] = await sql<{ id: number }[]>`
      insert into users (email, name, department_id)
      values (${`voting-${token}-${i}@expedition.test`}, ${`Presenter ${i} ${token}`}, ${department.id})
      returning id`;
    if (!person) throw new Error("user insert returned no row");
    const [idea] = await sql<{ id: number }[]>`
      insert into ideas (week_id, author_id, department_id, title, summary)
      values (${week.id}, ${person.id}, ${department.id}, ${`Voting idea ${i} ${token}`}, 'Made for the judging test.')
      returning id`;
    if (!idea) throw new Error("idea insert returned no row");
    const teamName = `Voting team ${i} ${token}`;
    const [team] = await sql<{ id: number }[]>`
      insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
      values (${week.id}, ${idea.id}, ${person.id}, ${teamName}, 6, now())
      returning id`;
    if (!team) throw new Error("team insert returned no row");
    await sql`insert into team_members (team_id, user_id, week_id, role) values (${team.id}, ${person.id}, ${week.id}, 'lead')`;
    const title = `Judged demo ${i} ${token}`;
    const [demo] = await sql<{ id: number }[]>`
      insert into demos (week_id, team_id, title, summary, position)
      values (${week.id}, ${team.id}, ${title}, 'What we built this week.', ${i})
      returning id`;
    if (!demo) throw new Error("demo insert returned no row");
    demos.push({ id: demo.id, title, teamName, teamId: team.id });
  }
  const conflicted = demos[2];
  if (!conflicted) throw new Error("three demos expected");
  await sql`insert into team_mentors (team_id, user_id, status, requested_by_id, decided_at)
    values (${conflicted.teamId}, ${mentorId}, 'accepted', ${mentorId}, now())`;
  return { weekId: week.id, slug, name, demos };
}

/** Moves the week into its voting window (opened a minute ago), as time would. */
export async function openVoting(sql: postgres.Sql, weekId: number) {
  await sql`update weeks set voting_opens_at = now() - interval '1 minute' where id = ${weekId}`;
}
