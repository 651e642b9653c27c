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
