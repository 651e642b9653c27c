import { useEffect, useRef } from "react";
import { Outlet, useNavigation, useRevalidator } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { AppShellLayout } from "~/components/AppShellLayout";
import { ErrorPage } from "~/components/ErrorPage";
import { dbContext } from "~/context";
import { unreadCount } from "~/notifications/notifications.server";
import type { Route } from "./+types/shell";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  return {
    user: { id: user.id, name: user.name, email: user.email, roles: user.roles },
    unread: await unreadCount(args.context.get(dbContext), user.id),
  };
}

/** How often a visible tab refreshes the page's data (and with it the bell). */
const REFRESH_MS = 60_000;

/** True while the user has focus in, or unsaved changes to, any form field: a refresh must not get in the way. */
function userIsTyping(): boolean {
  const active = document.activeElement;
  if (active instanceof HTMLElement && (active.isContentEditable || active.matches("input, textarea, select"))) return true;
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("textarea, input")) {
    if (field.type === "hidden") continue;
    if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) {
      if (field.checked !== field.defaultChecked) return true;
    } else if (field.value !== field.defaultValue) return true;
  }
  return false;
}

/**
 * Revalidates the page's loaders about once a minute while the tab is visible (and at once when a tab
 * that missed a refresh while hidden comes back). A hidden tab makes no requests, and nothing refreshes
 * while a load is in flight or the user is typing.
 */
function useRefreshWhileVisible(intervalMs: number) {
  const { revalidate, state } = useRevalidator();
  const navigation = useNavigation();
  const busy = state !== "idle" || navigation.state !== "idle";
  const lastLoad = useRef(0);
  useEffect(() => {
    if (busy) return;
    // Every finished load (navigation, form post or refresh) lands here: the minute starts again.
    lastLoad.current = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      clearTimeout(timer);
      if (document.visibilityState !== "visible") return;
      const due = lastLoad.current + intervalMs - Date.now();
      if (due > 0) {
        timer = setTimeout(tick, due);
      } else if (userIsTyping()) {
        timer = setTimeout(tick, intervalMs);
      } else {
        void revalidate();
      }
    };
    tick();
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [busy, revalidate, intervalMs]);
}

export default function Shell({ loaderData }: Route.ComponentProps) {
  useRefreshWhileVisible(REFRESH_MS);
  return (
    <AppShellLayout user={loaderData.user} unread={loaderData.unread}>
      <Outlet />
    </AppShellLayout>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
