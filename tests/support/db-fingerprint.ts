import { sql } from "drizzle-orm";
import type { Database } from "~db/client";

/**
 * A fingerprint of a database: for every table of the public schema, its row count and an md5 of its
 * rows. Two fingerprints differ exactly where a request wrote something. `volatile` leaves out
 * columns (or, with "*", whole tables) that change on any request, like a session's last-seen time.
 */
export async function databaseFingerprint(
  db: Database,
  volatile: Record<string, string[] | "*"> = {},
): Promise<{ read: () => Promise<Map<string, string>> }> {
  const tables = (await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )) as unknown as Array<{ table_name: string }>;
  const query = tables
    .filter(({ table_name: t }) => volatile[t] !== "*")
    .map(({ table_name: t }) => {
      const columns = volatile[t];
      const row = `(to_jsonb(x)${Array.isArray(columns) ? columns.map((c) => ` - '${c}'`).join("") : ""})::text`;
      return `select '${t}' as t, count(*)::int as n, coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as h from "${t}" x`;
    })
    .join(" union all ");
  return {
    read: async () => {
      const rows = (await db.execute(sql.raw(query))) as unknown as Array<{ t: string; n: number; h: string }>;
      return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
    },
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t));
}
