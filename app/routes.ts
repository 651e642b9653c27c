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
    route("weeks/:slug", "routes/weeks/week.tsx"),
    route("weeks/:slug/ideas", "routes/ideas/board.tsx"),
    route("weeks/:slug/ideas/new", "routes/ideas/new.tsx"),
    route("weeks/:slug/ideas/similar", "routes/ideas/similar.ts"),
    route("ideas", "routes/ideas/current.ts"),
    route("ideas/:ideaId", "routes/ideas/idea.tsx"),
    route("ideas/:ideaId/edit", "routes/ideas/edit.tsx"),
    route("notifications", "routes/notifications.tsx"),
    route("archive", "routes/archive/index.tsx"),
    route("people", "routes/people/directory.tsx"),
    route("people/:userId", "routes/people/person.tsx"),
    route("settings/password", "routes/settings/password.tsx"),
    route("settings/profile", "routes/settings/profile.tsx"),
    route("teams", "routes/teams/current.ts"),
    route("weeks/:slug/teams", "routes/teams/list.tsx"),
    route("teams/:teamId", "routes/teams/team.tsx"),
    route("ideas/:ideaId/team", "routes/teams/new.tsx"),
    ...prefix("admin", [
      index("routes/admin/index.tsx"),
      route("weeks", "routes/admin/weeks.tsx"),
      route("weeks/new", "routes/admin/week-new.tsx"),
      route("weeks/:weekId", "routes/admin/week-edit.tsx"),
      route("people", "routes/admin/people.tsx"),
      route("departments", "routes/admin/departments.tsx"),
      route("audit", "routes/admin/audit.tsx"),
    ]),
    route("*", "routes/not-found.tsx"),
  ]),
] satisfies RouteConfig;
