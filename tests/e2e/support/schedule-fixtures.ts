import type postgres from "postgres";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A fresh week on demo day right now (exploring ended yesterday, voting opens tomorrow) with
 * `demoCount` demos by one-person teams from different departments, and a schedule that started a
 * minute ago. Pitching opened 40 days ago, earlier than the seed's current week, so the home page
 * keeps featuring that one and other tests are not affected.
 */
export async function demoDayWeek(sql: postgres.Sql, token: string, demoCount = 3) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const slug = `e2e-demoday-${token}`;
  const name = `Demo day ${token}`;
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at)
    values (${name}, ${slug}, 'Europe/Berlin', ${at(-40 * DAY)}, ${at(-30 * DAY)}, ${at(-7 * DAY)},
      ${at(-DAY)}, ${at(-DAY / 2)}, ${at(DAY)}, ${at(2 * DAY)}, ${at(3 * DAY)}, ${at(60 * DAY)})
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  // One person from each of `demoCount` departments (the demo seed has eight).
  const people = await sql<{ id: number; department_id: number }[]>`
    select distinct on (department_id) id, department_id from users
    where deactivated_at is null and department_id is not null
    order by department_id, id
    limit ${demoCount}`;
  if (people.length < demoCount) throw new Error("not enough departments in the e2e database: is the demo data seeded?");
  const demos: Array<{ id: number; title: string; teamName: string }> = [];
  for (const [i, person] of people.entries()) {
    const title = `Demo ${i + 1} ${token}`;
    const teamName = `Team ${i + 1} ${token}`;
    const [idea] = await sql<{ id: number }[]>`
      insert into ideas (week_id, author_id, department_id, title, summary)
      values (${week.id}, ${person.id}, ${person.department_id}, ${`Idea ${i + 1} ${token}`}, 'Made for the schedule test.')
      returning id`;
    if (!idea) throw new Error("idea insert returned no row");
    const [team] = await sql<{ id: number }[]>`
      insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
      values (${week.id}, ${idea.id}, ${person.id}, ${teamName}, 6, now())
      returning id`;
    if (!team) throw new Error("team insert returned no row");
    await sql`insert into team_members (team_id, user_id, week_id, role) values (${team.id}, ${person.id}, ${week.id}, 'lead')`;
    const [demo] = await sql<{ id: number }[]>`
      insert into demos (week_id, team_id, title, summary, position)
      values (${week.id}, ${team.id}, ${title}, 'What we built this week.', ${i + 1})
      returning id`;
    if (!demo) throw new Error("demo insert returned no row");
    demos.push({ id: demo.id, title, teamName });
  }
  await sql`insert into demo_schedules (week_id, starts_at, slot_minutes, changeover_minutes)
    values (${week.id}, ${at(-MINUTE)}, 3, 1)`;
  return { weekId: week.id, slug, name, demos };
}
