import http from "node:http";
import type express from "express";
import { parseEnv } from "../app/env.server";
import type { JobsWorker } from "../app/jobs/worker.server";
import { closeLiveListener } from "../app/live/listener.server";
import { log } from "../app/log.server";
import { closePool } from "../db/client";
import { prepareDatabase } from "./database";

export type Mode = "development" | "production";

/**
 * Boots Expedition: validates env, prepares the database (embedded or DATABASE_URL),
 * builds the HTTP app and listens on PORT. SIGTERM/SIGINT drain in-flight requests,
 * close the pool and stop the embedded PostgreSQL.
 */
export async function main(
  mode: Mode,
  makeApp: (ctx: { isShuttingDown: () => boolean }) => Promise<{ app: express.Express; close?: () => Promise<void> }>,
) {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const bootStarted = Date.now();
  let database: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    database = await prepareDatabase({
      log,
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      seedDemoData: env.SEED_DEMO_DATA,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    log.fatal({ err: error }, `The database could not be prepared: ${reason}`);
    process.exit(1);
  }

  // Background jobs (graphile-worker, queue in PostgreSQL): every instance may run them; JOBS=off opts out.
  let jobs: JobsWorker | null = null;
  if (env.JOBS) {
    try {
      const { startWorker } = await import("../app/jobs/worker.server");
      jobs = await startWorker({ connectionString: database.url, scanOnStart: true });
    } catch (error) {
      log.fatal({ err: error }, `Background jobs could not start: ${(error as Error).message}`);
      await database.stop();
      process.exit(1);
    }
  }

  let shuttingDown = false;
  const { app, close } = await makeApp({ isShuttingDown: () => shuttingDown });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "Shutting down: finishing in-flight requests");
    // Connections closing under their clients (the LISTEN connection, the job queue's, the pool's, and
    // the embedded server itself) may reject or emit errors nobody awaits any more: log them, don't crash
    // the shutdown half-way and leave the embedded PostgreSQL running.
    const late = (err: unknown) => log.warn({ err }, "error while shutting down");
    process.on("unhandledRejection", late);
    process.on("uncaughtException", late);
    let failed = false;
    const step = async (name: string, run: () => Promise<unknown> | undefined) => {
      try {
        await run();
      } catch (err) {
        failed = true;
        log.error({ err, step: name }, `Shutdown step failed: ${name}`);
      }
    };
    // Live event streams never finish by themselves: end them first so browsers reconnect elsewhere.
    await step("live events", () => closeLiveListener());
    const force = setTimeout(() => {
      log.warn("In-flight requests did not finish within 10 s; closing anyway");
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    // A keep-alive connection whose last request finishes during the drain turns idle and would hold
    // the close open until keepAliveTimeout (then the 10 s force): close idle ones as they appear.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(idle);
    clearTimeout(force);
    await step("server", () => close?.());
    await step("background jobs", () => jobs?.stop());
    await step("database pool", () => closePool());
    await step("database", () => database.stop());
    log.info("Stopped");
    process.exit(failed ? 1 : 0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));

  server.on("error", async (error: NodeJS.ErrnoException) => {
    log.fatal(
      { err: error },
      error.code === "EADDRINUSE" ? `Port ${env.PORT} is already in use; set PORT to another port` : "Server error",
    );
    await jobs?.stop();
    await closePool();
    await database.stop();
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    const url = `http://localhost:${env.PORT}`;
    log.info({ url, mode, database: database.source, bootMs: Date.now() - bootStarted }, `Expedition is running at ${url}`);
  });
}
