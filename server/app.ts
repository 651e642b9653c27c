import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import type { Logger } from "pino";
import { RouterContextProvider, type ServerBuild } from "react-router";
import { isForeignMutation } from "../app/auth/csrf";
import { dbContext, type RequestInfo, requestInfoContext } from "../app/context";
import { isDatabaseUnavailable, OUTAGE_MESSAGE, RETRY_AFTER_SECONDS } from "../app/lib/outage.server";
import { getDb } from "../db/client";
import { queryStats } from "../db/query-stats";
import { metricsHandler, observeRequest, routeLabel } from "./metrics";

export type AppOptions = {
  log: Logger;
  mode: "development" | "production";
  build: ServerBuild | (() => Promise<ServerBuild>);
  trustProxy: boolean;
  /** Serves files (Vite's middleware in development, the client build in production). */
  assets: express.RequestHandler[];
  /** True once SIGTERM arrived: new requests are refused while in-flight ones finish. */
  isShuttingDown: () => boolean;
  /** The public origin (APP_ORIGIN) when the app runs behind a proxy that rewrites Host. */
  appOrigin?: string;
};

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** Content-Security-Policy with a per-request nonce; development relaxes it for Vite's client. */
export function securityHeaders(nonce: string, mode: "development" | "production"): Record<string, string> {
  const dev = mode === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-inline'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "form-action 'self' https:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (!dev) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);

  app.use((req, res, next) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const nonce = randomBytes(16).toString("base64");
    res.locals.requestId = requestId;
    res.locals.nonce = nonce;
    res.setHeader("X-Request-Id", requestId);
    // A response sent before its request's body was read (a 413, a refused or redirected post): drain the
    // unread rest, which would otherwise stall the next request sent on this connection. (Ending the
    // connection instead resets it while the client may still be reading this answer.)
    res.on("finish", () => {
      if (req.complete || req.destroyed) return;
      // Nothing will read the rest of the body now (React Router's web stream adapter would pause the
      // request again as its queue fills): discard it as it arrives.
      req.removeAllListeners("data");
      req.resume();
    });
    for (const [name, value] of Object.entries(securityHeaders(nonce, options.mode))) res.setHeader(name, value);
    if (options.isShuttingDown()) {
      res.setHeader("Connection", "close");
      res.status(503).type("text/plain").send("Expedition is restarting. Try again in a moment.");
      return;
    }
    // CSRF: refuse state-changing requests from other sites before any route code runs.
    const selfOrigin = options.appOrigin ? new URL(options.appOrigin).origin : `${req.protocol}://${req.get("host")}`;
    const headers = new Headers();
    for (const name of ["origin", "sec-fetch-site"]) {
      const value = req.get(name);
      if (value) headers.set(name, value);
    }
    if (isForeignMutation(req.method, headers, selfOrigin)) {
      options.log.warn(
        { requestId, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") },
        "cross-site request refused",
      );
      res.status(403).type("text/plain").send("This request came from another site and was refused.");
      return;
    }
    const started = process.hrtime.bigint();
    const stats = { count: 0 };
    // Read now: routers mounted under a prefix (the /assets static files) shorten req.path while they serve.
    const requestPath = req.path;
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const info = res.locals.requestInfo as RequestInfo | undefined;
      observeRequest(req.method, routeLabel(requestPath, info?.route), res.statusCode, ms / 1000, stats.count);
      const quiet = requestPath.startsWith("/assets/") || requestPath === "/healthz" || requestPath === "/readyz";
      options.log[quiet ? "debug" : res.statusCode >= 500 ? "error" : "info"](
        {
          requestId,
          userId: info?.userId ?? null,
          method: req.method,
          path: requestPath,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          queries: stats.count,
        },
        "request",
      );
    });
    queryStats.run(stats, () => next());
  });

  app.use(
    compression({
      // Only reads are compressed. React Router streams every response without a Content-Length, so the
      // size threshold never applies; a vote's or a ballot save's reply is a few dozen bytes, and setting
      // up a gzip stream for it cost more CPU than the whole database work of the write.
      filter: (req, res) =>
        (req.method === "GET" || req.method === "HEAD") &&
        !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") &&
        compression.filter(req, res),
    }),
  );
  app.get("/metrics", metricsHandler);
  for (const handler of options.assets) app.use(handler);

  app.all(
    "/{*splat}",
    createRequestHandler({
      build: options.build,
      mode: options.mode,
      getLoadContext(req, res) {
        const context = new RouterContextProvider();
        const requestId = String(res.locals.requestId);
        const info: RequestInfo = {
          requestId,
          ip: req.ip ?? req.socket.remoteAddress ?? "",
          nonce: String(res.locals.nonce),
          log: options.log.child({ requestId }),
        };
        // The request log and metrics read the user and route the app's middleware records here.
        res.locals.requestInfo = info;
        context.set(requestInfoContext, info);
        context.set(dbContext, getDb());
        return context;
      },
    }),
  );
  // Anything that fails in the Express layer itself because the database is unreachable is a 503, not a 500.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent || !isDatabaseUnavailable(error)) return next(error);
    res.status(503).set({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
    res.type("text/plain").send(OUTAGE_MESSAGE);
  });
  return app;
}

const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

/**
 * Serves the Brotli or gzip copy that `npm run build` wrote beside a hashed asset (server/precompress.ts) when
 * the browser accepts it: smaller than compressing on the fly (Brotli 11 against the compression
 * middleware's quality 4) and no compression work per request. Anything else falls through to express.static.
 */
export function precompressedAssets(assetsDir: string): express.RequestHandler {
  const root = path.resolve(assetsDir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const type = ASSET_TYPES[path.extname(req.path)];
    if (!type) return next();
    const file = path.resolve(root, `.${decodeURIComponent(req.path)}`);
    if (!file.startsWith(`${root}${path.sep}`)) return next();
    const accepts = String(req.get("accept-encoding") ?? "");
    const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
    if (!encoding) return next();
    const copy = `${file}.${encoding === "br" ? "br" : "gz"}`;
    res.setHeader("Vary", "Accept-Encoding");
    res.sendFile(
      copy,
      {
        immutable: true,
        maxAge: "1y",
        headers: { "Content-Type": type, "Content-Encoding": encoding },
      },
      (error) => {
        // No copy (a file added by hand, or a build without the precompress step): serve it as it is.
        if (error && !res.headersSent) {
          res.removeHeader("Content-Encoding");
          next();
        }
      },
    );
  };
}

export function staticAssets(clientDir: string): express.RequestHandler[] {
  return [
    precompressedAssets(path.join(clientDir, "assets")),
    express.static(path.join(clientDir, "assets"), {
      immutable: true,
      maxAge: "1y",
      index: false,
      fallthrough: true,
    }) as express.RequestHandler,
  ].map((handler, i, all) => {
    const router = express.Router();
    router.use("/assets", handler);
    // Files outside /assets (favicon), once, after the last /assets handler.
    if (i === all.length - 1) router.use(express.static(clientDir, { maxAge: "1h", index: false }));
    return router;
  });
}
