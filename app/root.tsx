import "./styles/mantine.css";
import "./app.css";
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from "@mantine/core";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import { getUser } from "~/auth/guards.server";
import { csrfMiddleware, sessionMiddleware } from "~/auth/middleware.server";
import { readCookie } from "~/auth/session.server";
import { ErrorPage } from "~/components/ErrorPage";
import { useNonce } from "~/lib/nonce";
import { databaseOutageMiddleware } from "~/lib/outage.server";
import { cookieColorSchemeManager, parseTheme, THEME_COOKIE } from "~/lib/theme";
import { theme } from "~/lib/theme-config";
import type { Route } from "./+types/root";

// The outage middleware is outermost, so a database that cannot be reached anywhere below becomes a 503.
export const middleware: Route.MiddlewareFunction[] = [databaseOutageMiddleware, csrfMiddleware, sessionMiddleware];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = getUser(context);
  return {
    theme: parseTheme(readCookie(request.headers.get("cookie"), THEME_COOKIE)),
    user: user ? { id: user.id, name: user.name, email: user.email, roles: user.roles } : null,
  };
}

const colorSchemeManager = cookieColorSchemeManager();

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const scheme = data?.theme ?? "auto";
  return (
    <html lang="en" {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <ColorSchemeScript defaultColorScheme={scheme} nonce={nonce} />
        <Meta />
        <Links />
      </head>
      <body>
        <MantineProvider theme={theme} defaultColorScheme={scheme} colorSchemeManager={colorSchemeManager}>
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function meta() {
  return [
    { title: "Expedition" },
    { name: "description", content: "Your organisation's exploration week, from pitch to impact." },
  ];
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
