import { Button, Group, Text } from "@mantine/core";
import { useFetcher, useLocation, useSearchParams } from "react-router";
import { useHydrated } from "~/lib/use-hydrated";

export type PeoplesChoiceState = {
  /** The week's slug: the form posts to /weeks/:slug/vote. */
  weekSlug: string;
  demoId: number;
  /** From `voteStateForDemo` (app/voting/judging.server.ts). */
  voted: boolean;
  remaining: number;
  limit: number;
  open: boolean;
  ownTeam: boolean;
};

const ERRORS: Record<string, (limit: number) => string> = {
  own: () => "You cannot vote for your own team's demo.",
  limit: (limit) => `You have used all ${limit} vote${limit === 1 ? "" : "s"}; withdraw one first.`,
  closed: () => "People's choice voting is not open.",
  missing: () => "That demo is not part of this week.",
  invalid: () => "That vote could not be read; try again.",
  slow: () => "You're voting too fast — wait a minute and try again.",
};

/**
 * The people's-choice vote for one demo: "Vote" or "Voted ✓ — withdraw", and how many votes are
 * left. Without JavaScript it is a plain form that comes back to this page; with it, a fetcher.
 */
export function PeoplesChoiceButton({ weekSlug, demoId, voted, remaining, limit, open, ownTeam }: PeoplesChoiceState) {
  const fetcher = useFetcher<{ ok: boolean; message: string; voted?: boolean; remaining?: number }>();
  const hydrated = useHydrated();
  const [params] = useSearchParams();
  const location = useLocation();
  if (!open) return null;
  if (ownTeam) {
    return (
      <Text size="sm" c="dimmed">
        This is your team's demo, so you cannot vote for it.
      </Text>
    );
  }
  const pending = fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  const showVoted = pending ? pending === "vote" : voted;
  const left = pending ? Math.max(0, remaining + (pending === "vote" ? -1 : 1)) : remaining;
  const code = params.get("voteError");
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.message : code && ERRORS[code] ? ERRORS[code](limit) : null;
  return (
    <fetcher.Form method="post" action={`/weeks/${weekSlug}/vote`} aria-label="People's choice">
      <input type="hidden" name="intent" value={showVoted ? "unvote" : "vote"} />
      <input type="hidden" name="demoId" value={demoId} />
      {hydrated ? null : <input type="hidden" name="redirectTo" value={location.pathname} />}
      <Group gap="sm" align="center">
        <Button
          type="submit"
          variant={showVoted ? "light" : "filled"}
          color={showVoted ? "green" : undefined}
          disabled={!showVoted && left <= 0 && !pending}
        >
          {showVoted ? "Voted ✓ — withdraw" : "Vote"}
        </Button>
        <Text size="sm" c="dimmed" aria-live="polite">
          {left} of {limit} people's choice vote{limit === 1 ? "" : "s"} left
        </Text>
      </Group>
      {error ? (
        <Text size="sm" c="red" role="alert" mt={4}>
          {error}
        </Text>
      ) : null}
    </fetcher.Form>
  );
}
