import type { JobHelpers, TaskList } from "graphile-worker";
import { z } from "zod";
import { checkpointsToRemind, sendCheckpointReminder } from "~/outcomes/outcomes.server";
import { type Database, getDb } from "~db/client";

/** Finds checkpoints that need a reminder and queues one `checkpoint_remind` job for each. */
export const TASK_CHECKPOINTS_SCAN = "checkpoints_scan";
/** Sends one checkpoint's reminder (exactly once, however often it runs). */
export const TASK_CHECKPOINT_REMIND = "checkpoint_remind";

/** The job key of one checkpoint's reminder: a second scan replaces a queued job rather than adding one. */
export const remindJobKey = (demoId: number, days: number) => `${TASK_CHECKPOINT_REMIND}:${demoId}:${days}`;

const ScanPayload = z.object({
  /** Limit the scan to some weeks (tests, or an organiser's manual run); every week when absent. */
  weekIds: z.array(z.number().int().positive()).max(1000).optional(),
});

const RemindPayload = z.object({
  demoId: z.number().int().positive(),
  days: z.number().int().positive(),
});

function parse<S extends z.ZodType>(schema: S, payload: unknown, helpers: JobHelpers): z.output<S> {
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  // A malformed payload will never succeed: say so once and let the job fail permanently.
  helpers.logger.error(`Malformed payload for ${helpers.job.task_identifier}: ${z.prettifyError(result.error)}`);
  throw new Error(`Malformed ${helpers.job.task_identifier} payload`);
}

export type TaskOptions = {
  /** The database the tasks write to (the app's pool by default). */
  db?: () => Database;
  /** The clock (tests move it). */
  now?: () => Date;
};

/** Every background task of Expedition, by name. */
export function makeTaskList(options: TaskOptions = {}): TaskList {
  const db = options.db ?? getDb;
  const now = options.now ?? (() => new Date());
  return {
    [TASK_CHECKPOINTS_SCAN]: async (payload, helpers) => {
      const { weekIds } = parse(ScanPayload, payload, helpers);
      const due = await checkpointsToRemind(db(), { now: now(), weekIds });
      for (const c of due) {
        await helpers.addJob(TASK_CHECKPOINT_REMIND, c, { jobKey: remindJobKey(c.demoId, c.days), maxAttempts: 10 });
      }
      if (due.length) helpers.logger.info(`Queued ${due.length} checkpoint reminder(s)`, { queued: due.length });
    },
    [TASK_CHECKPOINT_REMIND]: async (payload, helpers) => {
      const { demoId, days } = parse(RemindPayload, payload, helpers);
      const result = await sendCheckpointReminder(db(), demoId, days, now());
      if (result.sent) {
        helpers.logger.info(`Sent the ${days}-day checkpoint reminder of demo ${demoId} to ${result.recipients} member(s)`, {
          demoId,
          days,
          recipients: result.recipients,
        });
      } else {
        helpers.logger.debug(`No ${days}-day reminder for demo ${demoId}: ${result.reason}`, { demoId, days });
      }
    },
  };
}
