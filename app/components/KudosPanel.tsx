import { Alert, Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconHeartHandshake } from "@tabler/icons-react";
import { Link, useFetcher, useLocation, useSearchParams } from "react-router";
import { useHydrated } from "~/lib/use-hydrated";
import { useResetKey } from "~/lib/use-reset-key";
import { cannotGiveKudosReason, KUDOS_ERRORS, KUDOS_MAX, type KudosErrorCode, type KudosTargetKind } from "~/recognition/rules";
import type { KudosActionResult } from "~/routes/recognition/kudos";
import { LocalTime } from "./LocalTime";

export type KudosPanelItem = { id: number; message: string; createdAt: string; authorId: number; authorName: string };

export type KudosPanelProps = {
  /** Where the kudos go: a person, a team or a demo. */
  target: { kind: KudosTargetKind; id: number };
  /** Newest first, as `kudosPanelData` (app/recognition/kudos.server.ts) returns them. */
  kudos: KudosPanelItem[];
  /** False on one's own profile, team or team's demo: thanks come from others. */
  canGive: boolean;
  viewerId: number;
  /** Organisers may hide anyone's kudos. */
  isOrganiser: boolean;
  /** The week's time zone for server-rendered times (the browser then shows its own). */
  timeZone?: string;
};

const RESULT_PARAMS = ["kudos", "kudosError", "kudosFor", "kudosDraft"];

function RemoveButton({ item, own }: { item: KudosPanelItem; own: boolean }) {
  const fetcher = useFetcher<KudosActionResult>();
  const hydrated = useHydrated();
  const back = useBackPath();
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.message : null;
  return (
    <fetcher.Form
      method="post"
      action="/kudos"
      onSubmit={(event) => {
        if (!own && !window.confirm("Hide these kudos from everyone? This is recorded in the audit log.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="kudosId" value={item.id} />
      {hydrated ? null : <input type="hidden" name="redirectTo" value={back} />}
      <Button
        type="submit"
        size="compact-xs"
        variant="subtle"
        color="red"
        loading={fetcher.state !== "idle"}
        aria-label={own ? "Remove my kudos" : `Hide the kudos from ${item.authorName}`}
      >
        {own ? "Remove" : "Hide"}
      </Button>
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </fetcher.Form>
  );
}

/** This page's path and query without a previous kudos result, for a plain form to come back to. */
function useBackPath() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  for (const key of RESULT_PARAMS) params.delete(key);
  const qs = params.toString();
  return qs ? `${location.pathname}?${qs}` : location.pathname;
}

/**
 * Short public thanks on a person, a team or a demo: the list (author, time, message) and a small
 * form posting to /kudos. Without JavaScript the form comes back to this page with the result in the
 * URL; with it, a fetcher posts in place and the page's loader refreshes the list.
 */
export function KudosPanel({ target, kudos, canGive, viewerId, isOrganiser, timeZone }: KudosPanelProps) {
  const fetcher = useFetcher<KudosActionResult>();
  const hydrated = useHydrated();
  const [params] = useSearchParams();
  const back = useBackPath();
  const resetKey = useResetKey(fetcher.data?.ok && fetcher.data.intent === "give" ? fetcher.data : undefined);

  const forThis = params.get("kudosFor") === `${target.kind}-${target.id}`;
  const code = params.get("kudosError");
  const urlError = forThis && code && code in KUDOS_ERRORS ? KUDOS_ERRORS[code as KudosErrorCode] : null;
  const fetched = fetcher.data;
  const giveError = fetched ? (!fetched.ok && fetched.intent !== "remove" ? fetched.message : null) : urlError;
  const draft = forThis ? (params.get("kudosDraft") ?? "") : "";
  const done = fetched?.ok
    ? fetched.message
    : params.get("kudos") === "given"
      ? "Kudos sent. Thank you for saying it."
      : params.get("kudos") === "removed"
        ? "Kudos removed."
        : null;
  const removeErrorFromUrl = !forThis && code && (code === "gone" || code === "forbidden") ? KUDOS_ERRORS[code] : null;
  const pendingRemoval = fetcher.formData?.get("intent") === "remove" ? Number(fetcher.formData.get("kudosId")) : null;
  const visible = kudos.filter((k) => k.id !== pendingRemoval);

  return (
    <Stack gap="sm" component="section" id="kudos" aria-labelledby={`kudos-heading-${target.kind}-${target.id}`}>
      <Group gap="xs">
        <IconHeartHandshake size={20} aria-hidden />
        <Title order={2} size="h3" id={`kudos-heading-${target.kind}-${target.id}`}>
          Kudos
        </Title>
      </Group>

      {done ? (
        <Alert color="teal" variant="light" role="status">
          {done}
        </Alert>
      ) : null}
      {removeErrorFromUrl ? (
        <Alert color="red" variant="light" role="alert">
          {removeErrorFromUrl}
        </Alert>
      ) : null}

      {canGive ? (
        <fetcher.Form method="post" action="/kudos" key={resetKey} aria-label="Give kudos">
          <input type="hidden" name="intent" value="give" />
          <input type="hidden" name="targetKind" value={target.kind} />
          <input type="hidden" name="targetId" value={target.id} />
          {hydrated ? null : <input type="hidden" name="redirectTo" value={back} />}
          <Stack gap="xs">
            <Textarea
              name="message"
              label="Say thanks"
              description={`Public, up to ${KUDOS_MAX} characters.`}
              autosize
              minRows={2}
              maxLength={KUDOS_MAX}
              required
              defaultValue={draft}
              error={giveError ?? undefined}
            />
            <Button type="submit" w="fit-content" loading={fetcher.state !== "idle" && !pendingRemoval}>
              Give kudos
            </Button>
          </Stack>
        </fetcher.Form>
      ) : (
        <Text size="sm" c="dimmed">
          {cannotGiveKudosReason(target.kind)}
        </Text>
      )}

      {visible.length === 0 ? (
        <Text size="sm" c="dimmed">
          No kudos yet.{canGive ? " Be the first to say thanks." : ""}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Kudos received">
          {visible.map((k) => (
            <Card key={k.id} withBorder padding="sm" component="li" id={`kudos-${k.id}`}>
              <Stack gap={4}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Group gap="xs">
                    <Anchor component={Link} to={`/people/${k.authorId}`} fw={600} size="sm">
                      {k.authorName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      <LocalTime iso={k.createdAt} fallbackTimeZone={timeZone} />
                    </Text>
                  </Group>
                  {k.authorId === viewerId || isOrganiser ? <RemoveButton item={k} own={k.authorId === viewerId} /> : null}
                </Group>
                <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {k.message}
                </Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
