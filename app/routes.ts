import { index, layout, prefix, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  // Public: sign-in, sign-up, SSO and health.
  route("login", "routes/auth/login.tsx"),
  route("signup", "routes/auth/signup.tsx"),
  route("logout", "routes/auth/logout.tsx"),
  route("auth/oidc/start", "routes/auth/oidc-start.ts"),
  route("auth/oidc/callback", "routes/auth/oidc-callback.ts"),
  route("healthz", "routes/health/healthz.ts"),
  route("readyz", "routes/health/readyz.ts"),
  route("theme", "routes/theme.ts"),

  // Everything else needs a signed-in user (the layout's loader enforces it).
  layout("routes/shell.tsx", [
    index("routes/home.tsx"),
    route("weeks", "routes/weeks/list.tsx"),
    route("people", "routes/people/directory.tsx"),
    route("people/:userId", "routes/people/person.tsx"),
    route("settings/password", "routes/settings/password.tsx"),
    ...prefix("admin", [
      index("routes/admin/index.tsx"),
      route("people", "routes/admin/people.tsx"),
      route("departments", "routes/admin/departments.tsx"),
      route("audit", "routes/admin/audit.tsx"),
    ]),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
