import type { Queryable } from "~db/client";
import { auditLog } from "~db/schema";

export type AuditEntry = {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
  note?: string;
  requestId?: string;
};

/** Records who changed what; call it inside the same transaction as the change. */
export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  const summary: { before?: unknown; after?: unknown; note?: string } = {};
  if (entry.before !== undefined) summary.before = entry.before;
  if (entry.after !== undefined) summary.after = entry.after;
  if (entry.note) summary.note = entry.note;
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    summary,
    requestId: entry.requestId ?? null,
  });
}
