import { existsSync } from "node:fs";

/** Fails early with a clear message when the production build is missing. */
export default function globalSetup() {
  if (!existsSync("build/server/index.js")) {
    throw new Error("No production build: run `npm run build` before `npm run test:e2e` (npm test does both).");
  }
}
