import type { ServerBuild } from "react-router";
import { env } from "../app/env.server";
import { log } from "../app/log.server";
import { createApp } from "./app";
import { main } from "./main";

await main("development", async ({ isShuttingDown }) => {
  const vite = await import("vite").then((v) =>
    v.createServer({ server: { middlewareMode: true, hmr: { port: Number(process.env.HMR_PORT ?? 24678) } }, appType: "custom" }),
  );
  const build = async () => {
    const ssr = vite.environments.ssr;
    if (ssr && "runner" in ssr) {
      return (await (ssr as unknown as { runner: { import: (id: string) => Promise<unknown> } }).runner.import(
        "virtual:react-router/server-build",
      )) as ServerBuild;
    }
    return (await vite.ssrLoadModule("virtual:react-router/server-build")) as ServerBuild;
  };
  return {
    app: createApp({
      log,
      mode: "development",
      build,
      trustProxy: env().TRUST_PROXY,
      appOrigin: env().APP_ORIGIN,
      assets: [vite.middlewares],
      isShuttingDown,
    }),
    close: () => vite.close(),
  };
});
