import { Button, Center, Code, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link } from "react-router";

const COPY: Record<number, { title: string; body: string }> = {
  400: { title: "That request didn't make sense", body: "Something in the address or the form was not valid." },
  403: { title: "You don't have access to this", body: "This page is for people with a different role." },
  404: { title: "We couldn't find that page", body: "It may have moved, or the link may be mistyped." },
  405: { title: "That action isn't available here", body: "Go back and try again from the page itself." },
  413: { title: "That was too large", body: "Try again with less content or a smaller file." },
  429: { title: "Slow down a little", body: "Too many requests in a short time. Wait a moment and try again." },
  503: {
    title: "Expedition is briefly unavailable",
    body: "The database is not answering. This usually passes within a minute.",
  },
};

function messageOf(data: unknown): string | undefined {
  if (typeof data === "string") return data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return undefined;
}

/** The one error page: friendly copy per status, the server's own message when it gave one. */
export function ErrorPage({ error }: { error: unknown }) {
  let status = 500;
  let detail: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    detail = messageOf(error.data);
  }
  const copy = COPY[status] ?? {
    title: "Something went wrong on our side",
    body: "The error has been logged. Try again in a moment.",
  };
  const showStack = import.meta.env.DEV && error instanceof Error;
  return (
    <Center mih="70vh" p="md">
      <Stack maw={560} gap="sm" align="flex-start" component="main" id="main">
        <Text c="dimmed" fw={700} size="sm">
          Error {status}
        </Text>
        <Title order={1}>{copy.title}</Title>
        <Text>{detail ?? copy.body}</Text>
        <Button component={Link} to="/" variant="light">
          Back to the home page
        </Button>
        {status === 403 ? (
          <Text size="sm" c="dimmed">
            Think you should have access? Ask an organiser of your exploration week.
          </Text>
        ) : null}
        {showStack ? <Code block>{(error as Error).stack}</Code> : null}
      </Stack>
    </Center>
  );
}
