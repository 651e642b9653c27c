import { existsSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// There is no Docker engine where the tests run, so these are cheap static guards on the Dockerfile and
// compose.yaml — the invariants a reviewer would check by reading — not a substitute for building the image.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

type Stage = { name: string; from: string; lines: string[] };

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(): Stage[] {
  const lines = read("Dockerfile")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const result: Stage[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) result.push({ from: from[1] as string, name: from[2] ?? String(result.length), lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

const packageOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : (specifier.split("/")[0] as string);

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~db/")
    ? path.join(root, "db", specifier.slice(4))
    : specifier.startsWith("~/")
      ? path.join(root, "app", specifier.slice(2))
      : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every package the files reachable from `entry` import at run time (type-only imports are erased by tsx). */
function runtimePackages(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const queue = [path.join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, "utf8");
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^"';]*?from\s+"([^"]+)"/gm),
      ...source.matchAll(/^\s*import\s+"([^"]+)"/gm),
      ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
    ].map((m) => m[1] as string);
    for (const specifier of specifiers) {
      if (specifier.startsWith(".") || specifier.startsWith("~")) {
        const local = resolveLocal(file, specifier);
        if (local && !local.endsWith(".json")) queue.push(local);
      } else if (!specifier.startsWith("node:") && !builtinModules.includes(specifier)) {
        packages.add(packageOf(specifier));
      }
    }
  }
  return { packages, files };
}

describe("Dockerfile", () => {
  const all = stages();
  const final = all.at(-1) as Stage;

  it("builds in one stage and runs from a later one that copies no node_modules but production-only ones", () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    const build = all.find((s) => s.lines.some((l) => /^RUN .*npm run build/.test(l)));
    expect(build, "a stage runs npm run build").toBeDefined();
    expect(build).not.toBe(final);
    for (const line of final.lines) expect(line, "no install in the final stage").not.toMatch(/npm (install|ci)\b/);
    const modules = final.lines.filter((l) => /^COPY\b.*node_modules/.test(l));
    expect(modules).toHaveLength(1);
    const source = /--from=(\S+)/.exec(modules[0] as string)?.[1];
    const deps = all.find((s) => s.name === source);
    expect(deps, `stage ${source}`).toBeDefined();
    const installs = deps?.lines.filter((l) => /npm (install|ci)\b/.test(l)) ?? [];
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/--omit=dev/);
  });

  it("runs as an unprivileged user, in production mode, with a health check on /healthz and the port exposed", () => {
    const users = final.lines.filter((l) => /^USER\b/.test(l));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
    const envs = final.lines.filter((l) => /^ENV\b/.test(l)).join(" ");
    expect(envs).toMatch(/NODE_ENV=production/);
    const port = /PORT=(\d+)/.exec(envs)?.[1];
    expect(final.lines).toContain(`EXPOSE ${port}`);
    expect(final.lines.find((l) => /^HEALTHCHECK\b/.test(l))).toMatch(/\/healthz/);
    expect(final.lines.find((l) => /^CMD\b/.test(l))).toBe('CMD ["node", "--import", "tsx", "server/prod.ts"]');
  });

  it("copies everything the production server loads, and every package it imports is a production dependency", () => {
    const copied = final.lines
      .filter((l) => /^COPY\b/.test(l) && !/--from=/.test(l))
      .flatMap((l) =>
        l
          .split(/\s+/)
          .slice(1, -1)
          .filter((a) => !a.startsWith("--")),
      );
    expect(final.lines.some((l) => /^COPY --from=\S+ .*\/app\/build /.test(l))).toBe(true);
    const { packages, files } = runtimePackages("server/prod.ts");
    const dirs = new Set([...files].map((f) => path.relative(root, f).split(path.sep)[0] as string));
    expect([...dirs].sort()).toEqual(["app", "db", "server"]);
    for (const needed of [...dirs, "package.json", "tsconfig.json"]) expect(copied, `COPY ${needed}`).toContain(needed);
    // The migrations are read from db/migrations at start-up.
    expect(existsSync(path.join(root, "db/migrations/meta/_journal.json"))).toBe(true);
    for (const name of packages) expect(pkg.dependencies, `${name} is imported at run time`).toHaveProperty([name]);
    expect(pkg.dependencies).toHaveProperty(["tsx"]);
    // The server build's own imports too (React Router keeps dependencies external).
    if (existsSync(path.join(root, "build/server/index.js"))) {
      const bundle = read("build/server/index.js");
      const external = [...bundle.matchAll(/(?:^import[^;]*?from\s*|\bimport\()\s*["']([^"'./][^"']*)["']/gm)].map((m) =>
        packageOf(m[1] as string),
      );
      expect(external.length).toBeGreaterThan(5);
      for (const name of external.filter((n) => !n.startsWith("node:") && !builtinModules.includes(n))) {
        expect(pkg.dependencies, `the server build imports ${name}`).toHaveProperty([name]);
      }
    }
  });

  it("has every file an npm lifecycle script needs before each npm install", () => {
    const scripts = ["preinstall", "install", "postinstall"].map((s) => pkg.scripts[s]).filter(Boolean) as string[];
    const needed = scripts.flatMap((s) =>
      [...s.matchAll(/\b((?:db|scripts|server)\/[\w./-]+\.m?[jt]s)\b/g)].map((m) => m[1] as string),
    );
    for (const stage of all) {
      const install = stage.lines.findIndex((l) => /npm (install|ci)\b/.test(l));
      if (install < 0) continue;
      const before = stage.lines.slice(0, install).filter((l) => /^COPY\b/.test(l));
      for (const file of needed)
        expect(before.join("\n"), `${stage.name} copies ${file} before installing`).toMatch(new RegExp(`\\s${file}\\s`));
    }
  });

  it(".dockerignore keeps dependencies, builds, data and secrets out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "build", ".data", ".env", ".git", "backups"]));
  });
});

describe("compose.yaml", () => {
  const compose = read("compose.yaml");

  it("runs PostgreSQL 16 or 17 on a volume with a health check, and starts the app once it is healthy", () => {
    expect(compose).toMatch(/image:\s*postgres:1[67]\b/);
    expect(compose).toMatch(/-\s*\w+:\/var\/lib\/postgresql\/data/);
    expect(compose).toMatch(/healthcheck:\s*\n\s*test:.*pg_isready/);
    expect(compose).toMatch(/depends_on:\s*\n\s*db:\s*\n\s*condition:\s*service_healthy/);
    expect(compose).toMatch(/DATABASE_URL:\s*postgres:\/\/[^@\s]+@db:5432\//);
  });

  it("sets only variables the app knows", () => {
    const envSchema = read("app/env.server.ts");
    const app = compose.slice(compose.indexOf("\n  app:"));
    const names = [...app.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string);
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) expect(envSchema, name).toContain(`${name}:`);
  });
});
