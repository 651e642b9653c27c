import { deflateSync } from "node:zlib";
import type postgres from "postgres";
import { userIdByEmail } from "./db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A fresh week that is in **exploring** right now, with one confirmed team (the first email leads)
 * around a fresh idea — state the UI cannot reach quickly (the demo seed's week is in team formation).
 * Pitching opened 30 days ago, earlier than the seed's current week, so the home page keeps featuring
 * that one and other tests are not affected.
 */
export async function exploringWeekWithConfirmedTeam(sql: postgres.Sql, emails: string[], token: string) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const slug = `e2e-demos-${token}`;
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at)
    values (${`Demo week ${token}`}, ${slug}, 'Europe/Berlin', ${at(-30 * DAY)}, ${at(-20 * DAY)}, ${at(-DAY)},
      ${at(3 * DAY)}, ${at(4 * DAY)}, ${at(5 * DAY)}, ${at(6 * DAY)}, ${at(7 * DAY)}, ${at(60 * DAY)})
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  const ids = await Promise.all(emails.map((email) => userIdByEmail(sql, email)));
  const [leadId] = ids;
  if (leadId === undefined) throw new Error("at least one member is needed");
  const [lead] = await sql<{ department_id: number }[]>`select department_id from users where id = ${leadId}`;
  const [idea] = await sql<{ id: number }[]>`
    insert into ideas (week_id, author_id, department_id, title, summary)
    values (${week.id}, ${leadId}, ${lead?.department_id ?? 0}, ${`Quiet on-call ${token}`}, 'Group alerts so nights stay quiet.')
    returning id`;
  if (!idea) throw new Error("idea insert returned no row");
  const [team] = await sql<{ id: number }[]>`
    insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
    values (${week.id}, ${idea.id}, ${leadId}, ${`Night owls ${token}`}, 6, now())
    returning id`;
  if (!team) throw new Error("team insert returned no row");
  for (const [i, userId] of ids.entries()) {
    await sql`insert into team_members (team_id, user_id, week_id, role)
      values (${team.id}, ${userId}, ${week.id}, ${i === 0 ? "lead" : "member"})`;
  }
  return { weekId: week.id, slug, teamId: team.id, teamName: `Night owls ${token}` };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, body: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  let c = 0xffffffff;
  for (const b of typed) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  const out = Buffer.alloc(8 + typed.length);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0, 4 + typed.length);
  return out;
}

/** A real, decodable RGB PNG of one colour. */
export function pngBuffer(width: number, height: number, rgb: [number, number, number] = [30, 140, 90]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
