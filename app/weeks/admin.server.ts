import { eq } from "drizzle-orm";
import type { Actor } from "~/admin/admin.server";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import type { Database } from "~db/client";
import { weeks } from "~db/schema";
import { BOUNDARIES, type WeekInput } from "./week-form.server";

const FIELDS = [
  "name",
  "slug",
  "theme",
  "description",
  "timeZone",
  ...BOUNDARIES.map((b) => b.key),
  "teamSizeMin",
  "teamSizeMax",
  "minDepartmentsPerTeam",
  "peoplesChoiceVotes",
  "soloTeamsAllowed",
] as const satisfies ReadonlyArray<keyof WeekInput>;

type Field = (typeof FIELDS)[number];

const DESCRIPTION_IN_AUDIT = 500;

/** A value as the audit log keeps it: instants as ISO strings, long descriptions cut short. */
function auditValue(field: Field, value: WeekInput[Field]): unknown {
  if (value instanceof Date) return value.toISOString();
  if (field === "description" && typeof value === "string" && value.length > DESCRIPTION_IN_AUDIT) {
    return `${value.slice(0, DESCRIPTION_IN_AUDIT)}… (${value.length} characters)`;
  }
  return value;
}

function same(a: WeekInput[Field], b: WeekInput[Field]): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function pick(input: WeekInput): WeekInput {
  return Object.fromEntries(FIELDS.map((f) => [f, input[f]])) as WeekInput;
}

function summary(input: WeekInput, fields: readonly Field[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, auditValue(f, input[f])]));
}

function pgCode(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  return { code: e?.code ?? e?.cause?.code, constraint: e?.constraint_name ?? e?.cause?.constraint_name };
}

const SLUG_TAKEN = {
  ok: false,
  status: 409,
  field: "slug",
  message: "Another week already uses this slug; choose another.",
} as const;
const OUT_OF_ORDER = {
  ok: false,
  status: 400,
  message: "The dates or team sizes are not in a valid order. Check each date is on or after the one before it.",
} as const;

/** Maps the database's own refusals (unique slug, CHECK constraints) to outcomes; rethrows the rest. */
function refusal(error: unknown): Outcome<never> {
  const { code } = pgCode(error);
  if (code === "23505") return SLUG_TAKEN;
  // The form validates first; this only fires if someone bypasses it.
  if (code === "23514") return OUT_OF_ORDER;
  throw error;
}

/** Creates a week, with a "week.created" audit entry. A taken slug is a 409 on the "slug" field. */
export async function createWeek(db: Database, actor: Actor, input: WeekInput): Promise<Outcome<{ id: number; slug: string }>> {
  const values = pick(input);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx.insert(weeks).values(values).returning({ id: weeks.id, slug: weeks.slug });
      if (!created) throw new Error("insert returned no row");
      await audit(tx, {
        actorId: actor.id,
        action: "week.created",
        targetType: "week",
        targetId: created.id,
        after: summary(values, FIELDS),
        requestId: actor.requestId,
      });
      return { ok: true, value: created } as const;
    });
  } catch (error) {
    return refusal(error);
  }
}

/**
 * Replaces a week's settings under a row lock, with a "week.updated" audit entry holding the before and
 * after of the fields that changed. Saving without changes writes nothing (`changed: false`).
 */
export async function updateWeek(
  db: Database,
  actor: Actor,
  weekId: number,
  input: WeekInput,
): Promise<Outcome<{ id: number; slug: string; changed: boolean }>> {
  const values = pick(input);
  try {
    return await db.transaction(async (tx) => {
      // NO KEY UPDATE: ideas and teams reference weeks (FOR KEY SHARE) and must not wait on an edit.
      const [before] = await tx.select().from(weeks).where(eq(weeks.id, weekId)).for("no key update");
      if (!before) return { ok: false, status: 404, message: "That week no longer exists." } as const;
      const changed = FIELDS.filter((f) => !same(before[f], values[f]));
      if (changed.length === 0) return { ok: true, value: { id: weekId, slug: before.slug, changed: false } } as const;
      await tx
        .update(weeks)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(weeks.id, weekId));
      await audit(tx, {
        actorId: actor.id,
        action: "week.updated",
        targetType: "week",
        targetId: weekId,
        before: summary(before, changed),
        after: summary(values, changed),
        requestId: actor.requestId,
      });
      return { ok: true, value: { id: weekId, slug: values.slug, changed: true } } as const;
    });
  } catch (error) {
    return refusal(error);
  }
}
