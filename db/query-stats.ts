import { AsyncLocalStorage } from "node:async_hooks";

export type QueryStats = { count: number };

// One instance per process even though the server entry and the app build both import this module.
const registry = globalThis as typeof globalThis & { __expeditionQueryStats?: AsyncLocalStorage<QueryStats> };
registry.__expeditionQueryStats ??= new AsyncLocalStorage<QueryStats>();
export const queryStats: AsyncLocalStorage<QueryStats> = registry.__expeditionQueryStats;

/** Called by the pool for every statement: counts SQL queries per HTTP request (logged with it). */
export function countQuery(): void {
  const stats = queryStats.getStore();
  if (stats) stats.count += 1;
}
