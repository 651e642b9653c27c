// Patches a crash in postgres.js 3.4.x (porsager/postgres#1154, #1208; not fixed as of 3.4.10), run by
// `npm install` (postinstall) and idempotent.
//
// The driver batches small writes behind setImmediate. When PostgreSQL goes away (restart, failover),
// a transaction's connection can be asked to write (its ROLLBACK) after its socket was closed and set
// to null: the deferred write then throws a TypeError from a timer, which no caller can catch, and the
// whole app process exits. Teardown also cancels a scheduled write without forgetting it, so a
// reconnected connection never sends again. The patch settles such a write as CONNECTION_CLOSED (the
// caller gets an ordinary, catchable error) and resets the write buffer on teardown.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARK = "/* expedition: null-socket guard */";

const edits = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    if (socket) {",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {",
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  ],
];

const root = path.resolve(import.meta.dirname, "../node_modules/postgres");

for (const file of ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, f))) {
  if (!existsSync(file)) continue;
  let text = readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (!text.includes(from)) {
      console.warn(`patch-postgres: ${path.relative(process.cwd(), file)} has changed; the guard was not applied`);
      process.exit(0);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  console.log(`patch-postgres: guarded ${path.relative(process.cwd(), file)}`);
}
