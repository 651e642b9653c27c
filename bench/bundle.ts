/**
 * Client JavaScript per route, from React Router's own build manifest (build/client/assets/manifest-*.js,
 * the file the browser loads as `window.__reactRouterManifest`). What a first visit to a route downloads:
 * the manifest itself, the entry module and its imports, and for root, the layout and the route, each
 * module plus the static imports the manifest lists for it. Sizes are gzip (zlib, default level).
 * Dynamic imports (`import("./x.js")`, lazily loaded code) are listed separately and not counted.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  module: string;
  imports?: string[];
  hasDefaultExport: boolean;
};
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };

export type RouteJs = {
  route: string;
  path: string;
  gzipBytes: number;
  files: number;
  lazy: Array<{ file: string; gzipBytes: number }>;
};

export function readManifest(clientDir: string): { manifest: Manifest; file: string } {
  const assets = path.join(clientDir, "assets");
  const file = readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`No React Router manifest in ${assets}: run npm run build`);
  const text = readFileSync(path.join(assets, file), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return { manifest: JSON.parse(json) as Manifest, file: `/assets/${file}` };
}

export function clientJsPerRoute(clientDir: string): RouteJs[] {
  const { manifest, file: manifestFile } = readManifest(clientDir);
  const sizes = new Map<string, number>();
  const gz = (url: string) => {
    let size = sizes.get(url);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(clientDir, url))).length;
      sizes.set(url, size);
    }
    return size;
  };
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? manifest.routes[route.parentId] : undefined;
    const own = route.path ?? "";
    const base = parent ? fullPath(parent) : "";
    return own ? `${base.replace(/\/$/, "")}/${own}` : base || "/";
  };
  const out: RouteJs[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (!route.hasDefaultExport || route.id === "root") continue;
    const files = new Set<string>([manifestFile, manifest.entry.module, ...manifest.entry.imports]);
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
      files.add(r.module);
      for (const i of r.imports ?? []) files.add(i);
    }
    const lazy = new Map<string, number>();
    for (const f of files) {
      const text = readFileSync(path.join(clientDir, f), "utf8");
      for (const m of text.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)) {
        const url = `/assets/${m[1]}`;
        if (!files.has(url)) lazy.set(url, gz(url));
      }
    }
    out.push({
      route: route.id,
      path: fullPath(route),
      gzipBytes: [...files].reduce((sum, f) => sum + gz(f), 0),
      files: files.size,
      lazy: [...lazy].map(([f, gzipBytes]) => ({ file: f, gzipBytes })),
    });
  }
  return out.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of clientJsPerRoute("build/client")) {
    console.log(`${(r.gzipBytes / 1024).toFixed(1).padStart(7)} KB  ${String(r.files).padStart(3)} files  ${r.path}`);
  }
}
