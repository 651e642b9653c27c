/**
 * Starts the production build (`server/prod.ts`, what `npm start` runs) as a child process on a bench
 * database, with its JSON log lines piped to us: each request's line carries path, status, ms and the
 * number of SQL queries it ran, which is how the harness counts queries per request exactly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { freePort } from "../db/embedded";

export type RequestLog = { method: string; path: string; status: number; ms: number; queries: number };

export type AppServer = {
  origin: string;
  pid: number;
  /** The exit code once the process has exited (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The last 4,000 characters of stderr and of warning- and error-level log lines (for failure messages). */
  errorTail: () => string;
  /** Request log lines collected since the last `takeLogs()`. */
  takeLogs: () => RequestLog[];
  stop: () => Promise<void>;
};

export async function startAppServer(options: {
  databaseUrl: string;
  port?: number;
  /** Extra environment (e.g. JOBS, LOG_LEVEL) over the bench defaults. */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/prod.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: "info",
      SEED_DEMO_DATA: "false",
      APP_ORIGIN: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs: RequestLog[] = [];
  let stderr = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      stderr = `${stderr}\n[the app exited: code ${code}, signal ${signal}]`.slice(-4000);
      resolve(code);
    }),
  );
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The app did not start within 60 s.\n${stderr}`)), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The app exited with code ${code} before it was ready.\n${stderr}`));
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === "request") {
        logs.push({
          method: String(entry.method),
          path: String(entry.path),
          status: Number(entry.status),
          ms: Number(entry.ms),
          queries: Number(entry.queries),
        });
      } else if (typeof entry.msg === "string" && entry.msg.startsWith("Expedition is running")) {
        clearTimeout(timer);
        resolve();
      } else if (Number(entry.level) >= 40) {
        stderr = (stderr + line).slice(-4000);
      }
    });
  });
  await ready;
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    exited,
    errorTail: () => stderr,
    takeLogs: () => {
      const out = logs;
      logs = [];
      return out;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Resident set size of a process in bytes (Linux /proc), or null elsewhere. */
export function rssOf(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
