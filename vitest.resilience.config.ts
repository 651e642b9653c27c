import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:resilience`: the slow, process-level tests (PostgreSQL restarted under load, graceful
 * shutdown, two app instances on one database, a 60 s soak). They spawn the production build, so
 * `npm run build` must have run. One file at a time: each one loads the machine on its own.
 */
export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "~db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    include: ["tests/resilience/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 90_000,
    env: { NODE_ENV: "test", LOG_LEVEL: "warn" },
  },
});
