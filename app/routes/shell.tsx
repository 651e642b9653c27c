import { Outlet } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { AppShellLayout } from "~/components/AppShellLayout";
import { ErrorPage } from "~/components/ErrorPage";
import type { Route } from "./+types/shell";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return { user: { id: user.id, name: user.name, email: user.email, roles: user.roles } };
}

export default function Shell({ loaderData }: Route.ComponentProps) {
  return (
    <AppShellLayout user={loaderData.user}>
      <Outlet />
    </AppShellLayout>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
