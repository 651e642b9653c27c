import { rmSync } from "node:fs";

// Every e2e run starts from a fresh embedded database with only the demo data.
rmSync(process.env.DATA_DIR ?? ".data/e2e", { recursive: true, force: true });
await import("../../../server/prod");
