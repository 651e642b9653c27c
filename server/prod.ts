import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "react-router";
import { env } from "../app/env.server";
import { log } from "../app/log.server";
import { createApp, staticAssets } from "./app";
import { main } from "./main";

const root = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

await main("production", async ({ isShuttingDown }) => {
  const buildPath = path.join(root, "build/server/index.js");
  let build: ServerBuild;
  try {
    build = (await import(buildPath)) as ServerBuild;
  } catch {
    log.fatal(`No production build at ${buildPath}: run \`npm run build\` first`);
    process.exit(1);
  }
  return {
    app: createApp({
      log,
      mode: "production",
      build,
      trustProxy: env().TRUST_PROXY,
      appOrigin: env().APP_ORIGIN,
      assets: staticAssets(path.join(root, "build/client")),
      isShuttingDown,
    }),
  };
});
