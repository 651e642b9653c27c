import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, inject, test } from "vitest";
import { freePort } from "../../db/embedded";

// Boots the real production server as a child process: the same command `npm start` runs.
const root = path.resolve(import.meta.dirname, "../..");
const hasBuild = existsSync(path.join(root, "build/server/index.js"));
const children: ChildProcess[] = [];
const dirs: string[] = [];
// Under the repository, not /tmp: as root the embedded server runs as a `postgres` user that
// cannot enter a private temp directory.
const scratch = path.join(root, ".data/test");
const tempDir = (prefix: string) => {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, prefix));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Started = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/prod.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    const check = setInterval(() => {
      if (/Expedition is running at/.test(output)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ child, port: Number(env.PORT), output: () => output, exited });
      }
    }, 100);
    exited.then(() => {
      clearInterval(check);
      clearTimeout(timer);
      resolve({ child, port: Number(env.PORT), output: () => output, exited });
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe.runIf(hasBuild)("the production server", () => {
  test("without DATABASE_URL it starts an embedded PostgreSQL, seeds it, serves, and stops both on SIGTERM", async () => {
    const dataDir = tempDir("boot-");
    const port = await freePort();
    const server = await start({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "" });
    const log = server.output();
    expect(log).toContain(`Using the embedded PostgreSQL in ${path.join(dataDir, "pg")}`);
    expect(log).toContain("Seeded demo data into the empty database");
    expect(log).toContain(`Expedition is running at http://localhost:${port}`);
    const pgPort = Number(/127\.0\.0\.1:(\d+)\/expedition/.exec(log)?.[1]);
    expect(await portOpen(pgPort)).toBe(true);

    const ready = await fetch(`http://localhost:${port}/readyz`);
    expect(ready.status).toBe(200);
    const login = await fetch(`http://localhost:${port}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    const echoed = await fetch(`http://localhost:${port}/signup`, { headers: { "X-Request-Id": "trace-abc.123" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-abc.123");

    server.child.kill("SIGTERM");
    expect(await server.exited, server.output().slice(-3000)).toBe(0);
    expect(server.output()).toContain('"msg":"Stopped"');
    expect(await portOpen(pgPort)).toBe(false);
    expect(server.output()).toMatch(/"requestId":"trace-abc\.123".*"path":"\/signup","status":200/);
  }, 90_000);

  test("with DATABASE_URL it uses that server and never starts one", async () => {
    const dataDir = tempDir("ext-");
    const port = await freePort();
    const server = await start({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: inject("databaseUrl") });
    expect(server.output()).toContain("Using the PostgreSQL server at");
    expect(server.output()).not.toContain("embedded PostgreSQL");
    expect(existsSync(path.join(dataDir, "pg"))).toBe(false);
    expect((await fetch(`http://localhost:${port}/readyz`)).status).toBe(200);

    // Pages are gzipped for browsers that accept it; the replies to writes (small) are not.
    const origin = `http://localhost:${port}`;
    const page = await fetch(`${origin}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
    const write = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Accept-Encoding": "gzip", Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "nobody@example.test", password: "wrong-password-1" }),
    });
    expect(write.status).toBeLessThan(500);
    expect(write.headers.get("content-encoding")).toBeNull();

    // Scripts and stylesheets go out as the Brotli (or gzip) copies the build wrote, decoding to the file.
    const assets = path.join(root, "build/client/assets");
    const script = readdirSync(assets).find((f) => f.endsWith(".js")) as string;
    const original = readFileSync(path.join(assets, script));
    for (const [accept, encoding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
    ] as const) {
      const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const request = http.get(`${origin}/assets/${script}`, { headers: { "Accept-Encoding": accept } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        });
        request.on("error", reject);
      });
      expect(raw.headers["content-encoding"]).toBe(encoding);
      expect(raw.headers["cache-control"]).toContain("immutable");
      const decoded = encoding === "br" ? brotliDecompressSync(raw.body) : gunzipSync(raw.body);
      expect(decoded.equals(original)).toBe(true);
    }

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 60_000);

  test("an invalid environment stops the start with a message naming the variable", async () => {
    const server = await start({ PORT: "not-a-port", DATABASE_URL: inject("databaseUrl") });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("Invalid environment configuration");
    expect(server.output()).toContain("PORT");
  }, 30_000);
});

test.skipIf(hasBuild)("the production server tests need a build (npm test builds first)", () => {
  throw new Error("No production build: run `npm run build` (npm test does) before these tests.");
});
