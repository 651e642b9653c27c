/**
 * A tiny per-process cache of derived read-only data (filter options), for `ttlMs`. Concurrent callers share
 * one load; a failed load is not remembered. Use it only for values where being up to `ttlMs` late on
 * another instance changes no result — never for a page, a count or anything a rule depends on.
 */
export function ttlCache<K, V>(ttlMs: number) {
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return {
    get(key: K, load: () => Promise<V>, now = Date.now()): Promise<V> {
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load();
      const entry = { at: now, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
