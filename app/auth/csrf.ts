const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request did not come from this site: its Origin differs from ours,
 * or, without an Origin, Sec-Fetch-Site says it is cross-site. A mutation carrying neither header
 * is refused as well, since every current browser sends at least one of them.
 */
export function isForeignMutation(method: string, headers: Headers, selfOrigin: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin !== selfOrigin;
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin";
  return true;
}
