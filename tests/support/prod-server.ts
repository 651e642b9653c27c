import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../db/embedded";

const root = path.resolve(import.meta.dirname, "../..");

/** True when `npm run build` has produced the server build the production server needs. */
export const hasProductionBuild = () => existsSync(path.join(root, "build/server/index.js"));

export type ProductionServer = {
  child: ChildProcess;
  port: number;
  origin: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts the production server (`node --import tsx server/prod.ts`, what `npm start` runs) on a free
 * port and waits until /healthz answers. `env` is added to the test's environment.
 */
export async function startProductionServer(env: Record<string, string>): Promise<ProductionServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/prod.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", JOBS: "off", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      output += `\n[the server exited: code ${code}, signal ${signal}]\n`;
      resolve();
    }),
  );
  const origin = `http://localhost:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not start within 45 s:\n${output}`);
    }
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    child,
    port,
    origin,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
