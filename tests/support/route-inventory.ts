import { readFileSync } from "node:fs";
import path from "node:path";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../../app/routes";

const appDir = path.resolve(import.meta.dirname, "../../app");

export type RouteModule = {
  /** The module's file relative to app/, exactly as app/routes.ts names it (e.g. "routes/ideas/idea.tsx"). */
  file: string;
  /** The URL pattern, e.g. "/ideas/:ideaId"; null for a pathless layout. */
  path: string | null;
  loader: boolean;
  action: boolean;
  /** True for a page (a default export): its loader's data is also served alone at `<path>.data?_routes=<id>`. */
  page: boolean;
  /** An index route (its data URL needs `?index`). */
  index: boolean;
};

const HANDLER =
  /export\s+(?:async\s+)?function\s+(loader|action)\b|export\s+(?:const|let)\s+(loader|action)\b|export\s*\{([^}]*)\}/g;

/** Which of `loader` and `action` a route module exports (read from its source, so nothing is executed). */
export function exportedHandlers(file: string): { loader: boolean; action: boolean; page: boolean } {
  const source = readFileSync(path.join(appDir, file), "utf8");
  const found = new Set<string>();
  for (const match of source.matchAll(HANDLER)) {
    if (match[1] ?? match[2]) found.add((match[1] ?? match[2]) as string);
    for (const name of (match[3] ?? "").split(",")) {
      const exported = name
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (exported === "loader" || exported === "action") found.add(exported);
    }
  }
  return { loader: found.has("loader"), action: found.has("action"), page: /export\s+default\b/.test(source) };
}

/** Every route module of app/routes.ts (layouts and resource routes included), with its full URL pattern. */
export function routeModules(config: RouteConfigEntry[] = routes): RouteModule[] {
  const out: RouteModule[] = [];
  const walk = (entries: RouteConfigEntry[], parent: string) => {
    for (const entry of entries) {
      const own = entry.path ?? "";
      const full = own ? `${parent.replace(/\/$/, "")}/${own}` : parent;
      out.push({
        file: entry.file,
        path: entry.path || entry.index ? full || "/" : null,
        index: Boolean(entry.index),
        ...exportedHandlers(entry.file),
      });
      if (entry.children) walk(entry.children, full);
    }
  };
  walk(config, "");
  return out;
}
