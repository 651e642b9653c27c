import { data } from "react-router";
import { ErrorPage } from "~/components/ErrorPage";

export function loader() {
  throw data({ message: "We couldn't find that page. It may have moved, or the link may be mistyped." }, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary({ error }: { error: unknown }) {
  return <ErrorPage error={error} />;
}
