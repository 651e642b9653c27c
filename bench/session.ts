/** Signs in through the real /login form (a POST with an Origin header, as a browser sends) and returns the cookie. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  if (response.status !== 302 || cookies.length === 0) {
    throw new Error(`Signing in as ${email} failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  }
  return cookies.join("; ");
}

/**
 * Sessions for many users at once, made the way the sign-in action makes them (the app's createSession)
 * but without a password check each: the vote scenario needs more voters than it could sign in quickly,
 * because the app allows each person only VOTE_RATE votes a minute. Returns one cookie per user id.
 */
export async function mintSessions(databaseUrl: string, userIds: number[]): Promise<string[]> {
  const { createPool } = await import("../db/client");
  const { createSession, SESSION_COOKIE } = await import("../app/auth/session.server");
  const pool = createPool(databaseUrl, { max: 4 });
  try {
    const cookies: string[] = [];
    for (let i = 0; i < userIds.length; i += 4) {
      const batch = userIds.slice(i, i + 4).map((id) => createSession(pool.db, id, { userAgent: "bench" }));
      for (const { token } of await Promise.all(batch)) cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    return cookies;
  } finally {
    await pool.sql.end({ timeout: 2 });
  }
}
