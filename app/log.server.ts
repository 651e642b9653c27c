import pino from "pino";

const globalForLog = globalThis as typeof globalThis & { __expeditionLog?: pino.Logger };

/** Structured JSON logs (pipe through `pino-pretty` to read them by eye). */
globalForLog.__expeditionLog ??= pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { app: "expedition" },
  redact: ["password", "*.password", "token", "*.token", "headers.cookie"],
});

export const log: pino.Logger = globalForLog.__expeditionLog;
