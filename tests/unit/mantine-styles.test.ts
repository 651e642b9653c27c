import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The app imports Mantine's styles per component (app/styles/mantine.css) instead of the whole
 * styles.css. This fails when a component is used — directly or inside another Mantine component — without
 * the stylesheet it needs, naming what to add, and when the order differs from Mantine's own (later rules
 * override earlier ones: a stylesheet loaded with a lazy chunk once made a combobox dropdown taller).
 */
const root = path.resolve(import.meta.dirname, "../..");
const core = path.join(root, "node_modules/@mantine/core");
const esm = path.join(core, "esm");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|css)$/.test(name) ? [full] : [];
  });
}

const appFiles = sourceFiles(path.join(root, "app"));

/** Component names imported from @mantine/core anywhere in the app (values, not types). */
function usedComponents(): Set<string> {
  const names = new Set<string>();
  for (const file of appFiles.filter((f) => !f.endsWith(".css"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:import|export)\s*\{([^}]*)\}\s*from\s*"@mantine\/core"/g)) {
      for (const part of (m[1] ?? "").split(",")) {
        const name = part.trim();
        if (!name || name.startsWith("type ")) continue;
        const own = name.split(/\s+as\s+/)[0]?.trim() ?? "";
        if (/^[A-Z]/.test(own)) names.add(own);
      }
    }
  }
  return names;
}

/** The CSS modules (by name) a component's code reaches, following Mantine's own relative imports. */
function stylesNeeded(component: string): Set<string> {
  const entry = path.join(esm, "components", component, `${component}.mjs`);
  const needed = new Set<string>();
  if (!existsSync(entry)) return needed;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const cssModule = /\/([A-Za-z]+)\.module\.mjs$/.exec(file)?.[1];
    if (cssModule && existsSync(path.join(core, "styles", `${cssModule}.css`))) needed.add(cssModule);
    for (const m of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+\.mjs)"/g)) {
      visit(path.normalize(path.join(path.dirname(file), m[1] ?? "")));
    }
  };
  visit(entry);
  return needed;
}

/** Stylesheets the app loads: `@import "@mantine/core/styles/X.css"` and `import "@mantine/core/styles/X.css"`. */
function stylesImported(): Set<string> {
  const names = new Set<string>();
  for (const file of appFiles) {
    for (const m of readFileSync(file, "utf8").matchAll(/"@mantine\/core\/styles\/([A-Za-z-]+)\.css"/g)) names.add(m[1] ?? "");
  }
  return names;
}

describe("Mantine styles per component", () => {
  it("loads the global styles and no longer the whole styles.css", () => {
    const imported = stylesImported();
    for (const global of ["baseline", "default-css-variables", "global"]) expect(imported).toContain(global);
    const all = appFiles.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(all).not.toMatch(/"@mantine\/core\/styles\.css"/);
  });

  it("loads the stylesheet of every component the app uses, and of the components inside them", () => {
    const imported = stylesImported();
    const used = usedComponents();
    expect(used.size).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const component of used) {
      for (const sheet of stylesNeeded(component)) {
        if (!imported.has(sheet)) missing.push(`${component} needs @mantine/core/styles/${sheet}.css`);
      }
    }
    expect(missing, "add these to app/styles/mantine.css (or to the lazy module that uses them)").toEqual([]);
  });

  it("imports Mantine's component styles in app/styles/mantine.css only (a lazy chunk's stylesheet would come last)", () => {
    const elsewhere = appFiles.filter(
      (f) => !f.endsWith("styles/mantine.css") && /"@mantine\/core\/styles\/[A-Za-z-]+\.css"/.test(readFileSync(f, "utf8")),
    );
    expect(elsewhere.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("keeps Mantine's order in app/styles/mantine.css (later components may override earlier ones)", () => {
    const full = readFileSync(path.join(core, "styles.css"), "utf8");
    const order = [...readFileSync(path.join(root, "app/styles/mantine.css"), "utf8").matchAll(/styles\/([A-Za-z-]+)\.css/g)]
      .map((m) => m[1] ?? "")
      .map((name) =>
        full.indexOf(
          readFileSync(path.join(core, "styles", `${name}.css`), "utf8")
            .trim()
            .slice(0, 200),
        ),
      );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});
