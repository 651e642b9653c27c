import { Logger, type LogLevel, type Runner, run, runMigrations, type TaskList } from "graphile-worker";
import type pino from "pino";
import postgres from "postgres";
import { log as appLog } from "~/log.server";
import { makeTaskList, TASK_CHECKPOINTS_SCAN } from "./tasks.server";

/** The queue's own schema (graphile-worker installs and migrates it). */
export const DEFAULT_JOBS_SCHEMA = "graphile_worker";

/** Every 15 minutes: look for follow-up checkpoints that fell due. Cron ticks are queued once across instances. */
export const CRONTAB = `*/15 * * * * ${TASK_CHECKPOINTS_SCAN} ?jobKey=${TASK_CHECKPOINTS_SCAN}&max=3`;

/** Any 32-bit key of our own: serialises the queue's schema migration when several instances start at once. */
const MIGRATION_LOCK_KEY = 0x6a6f6273; // "jobs"

export type WorkerOptions = {
  connectionString: string;
  schema?: string;
  /** Jobs run at once by this instance. */
  concurrency?: number;
  /** The crontab; null for none (tests queue jobs themselves). */
  crontab?: string | null;
  /** Queue a scan as soon as the worker starts, so reminders do not wait for the next cron tick. */
  scanOnStart?: boolean;
  pollInterval?: number;
  taskList?: TaskList;
  log?: pino.Logger;
};

export type JobsWorker = {
  schema: string;
  addJob: Runner["addJob"];
  /** Graphile's events (job:success, job:error, …), for logs and tests. */
  events: Runner["events"];
  /** Finishes running jobs (graceful), then closes the queue's connections. */
  stop: () => Promise<void>;
};

/** Graphile's logger, forwarding to pino with the job's scope as structured fields. */
export function graphileLogger(log: pino.Logger): Logger {
  return new Logger((scope) => {
    const child = log.child({
      component: "jobs",
      ...(scope.label ? { jobsLabel: scope.label } : {}),
      ...(scope.workerId ? { workerId: scope.workerId } : {}),
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    });
    return (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
      const { error, ...rest } = meta ?? {};
      // Only plain values: graphile's metadata may hold database clients or whole jobs.
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(rest)) {
        if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
      }
      if (error !== undefined) fields.err = error;
      switch (String(level)) {
        case "error":
          child.error(fields, message);
          break;
        case "warning":
          child.warn(fields, message);
          break;
        case "info":
          child.info(fields, message);
          break;
        default:
          child.debug(fields, message);
      }
    };
  });
}

/** Installs or upgrades the queue's schema, one instance at a time (graphile-worker takes no lock of its own). */
async function migrateQueue(connectionString: string, schema: string, logger: Logger) {
  const sql = postgres(connectionString, { max: 1, onnotice: () => {} });
  try {
    const conn = await sql.reserve();
    try {
      await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      try {
        await runMigrations({ connectionString, schema, logger, maxPoolSize: 2 });
      } finally {
        await conn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      }
    } finally {
      conn.release();
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Starts the background worker: graphile-worker's queue lives in PostgreSQL (schema `graphile_worker`
 * by default), so any number of app instances can run one; each job is taken by one worker at a time.
 */
export async function startWorker(options: WorkerOptions): Promise<JobsWorker> {
  const schema = options.schema ?? DEFAULT_JOBS_SCHEMA;
  const log = (options.log ?? appLog).child({ jobsSchema: schema });
  const logger = graphileLogger(log);
  const concurrency = options.concurrency ?? 2;
  await migrateQueue(options.connectionString, schema, logger);
  const runner = await run({
    connectionString: options.connectionString,
    schema,
    concurrency,
    maxPoolSize: concurrency + 2,
    taskList: options.taskList ?? makeTaskList(),
    crontab: options.crontab === undefined ? CRONTAB : (options.crontab ?? ""),
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2000,
    logger,
  });
  // A failing job is retried with back-off by graphile; a crashed runner is worth a loud line.
  runner.promise.catch((error: unknown) => log.error({ err: error }, "The background worker stopped unexpectedly"));
  if (options.scanOnStart) {
    await runner.addJob(TASK_CHECKPOINTS_SCAN, {}, { jobKey: TASK_CHECKPOINTS_SCAN });
  }
  log.info({ concurrency }, "Background jobs are running");
  let stopping: Promise<void> | null = null;
  return {
    schema,
    addJob: runner.addJob,
    events: runner.events,
    stop: () => {
      stopping ??= runner.stop().then(
        () => log.info("Background jobs stopped"),
        (error: unknown) => log.warn({ err: error }, "Background jobs did not stop cleanly"),
      );
      return stopping;
    },
  };
}
