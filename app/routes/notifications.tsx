import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Group,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import {
  IconArrowForwardUp,
  IconBell,
  IconBellCheck,
  IconCheck,
  IconChecks,
  IconMessageCircle,
  IconStar,
  IconUsersGroup,
} from "@tabler/icons-react";
import { data, Form, Link, redirect, useNavigation, useRouteLoaderData } from "react-router";
import { z } from "zod";
import { requireUser, safeRedirect } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { LocalTime } from "~/components/LocalTime";
import { Pager } from "~/components/Pager";
import { dbContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { pageCount, parsePage } from "~/lib/pagination";
import {
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_PAGE_SIZE,
  openNotification,
} from "~/notifications/notifications.server";
import type { Route } from "./+types/notifications";
import type { loader as shellLoader } from "./shell";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const url = new URL(args.request.url);
  const page = parsePage(url.searchParams.get("page"));
  if (page === null) throw data({ message: "The page number must be a positive whole number." }, { status: 400 });
  const unreadOnly = url.searchParams.get("unread") === "1";
  const { rows, total } = await listNotifications(args.context.get(dbContext), user.id, { page, unreadOnly });
  return {
    page,
    pages: pageCount(total, NOTIFICATIONS_PAGE_SIZE),
    total,
    unreadOnly,
    now: new Date().toISOString(),
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      message: r.message,
      actorId: r.actorId,
      actorName: r.actorName,
      createdAt: r.createdAt.toISOString(),
      unread: r.readAt === null,
    })),
  };
}

const NotificationId = z
  .string({ error: "Choose a notification." })
  .regex(/^\d{1,15}$/, "That notification could not be found.")
  .transform(Number);

const ActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("open"), id: NotificationId }),
    z.object({ intent: z.literal("read"), id: NotificationId }),
    z.object({ intent: z.literal("read-all") }),
  ],
  { error: "That action is not available here. Please reload the page and try again." },
);

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 10_000);
  const parsed = parseForm(formData, ActionSchema);
  if (!parsed.ok) {
    const message = parsed.formError ?? Object.values(parsed.errors).flat()[0] ?? "That did not work. Please try again.";
    return formFailure(formData, { formError: message });
  }
  const input = parsed.data;
  if (input.intent === "open") {
    // Marks it read and follows it; only the owner's own notifications are found.
    const link = await openNotification(db, user.id, input.id);
    if (link === null) {
      return formFailure(formData, { formError: "That notification could not be found. It may have been removed." }, 404);
    }
    throw redirect(safeRedirect(link, "/notifications"));
  }
  if (input.intent === "read") {
    const changed = await markRead(db, user.id, [input.id]);
    return { ok: true as const, message: changed ? "Marked as read." : "That notification was already read." };
  }
  const changed = await markAllRead(db, user.id);
  return {
    ok: true as const,
    message:
      changed === 0 ? "You had no unread notifications." : `Marked ${changed} notification${changed === 1 ? "" : "s"} as read.`,
  };
}

export function meta() {
  return [{ title: "Notifications · Expedition" }];
}

const KIND_ICONS: Record<string, typeof IconBell> = {
  idea_commented: IconMessageCircle,
  idea_followed: IconStar,
  idea_carried_over: IconArrowForwardUp,
  idea_got_team: IconUsersGroup,
};

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "5 minutes ago", "yesterday": measured against the loader's clock, so server and browser agree. */
export function relativeTime(iso: string, nowIso: string): string {
  const seconds = Math.round((new Date(iso).getTime() - new Date(nowIso).getTime()) / 1000);
  if (Math.abs(seconds) < 60) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return RELATIVE.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

const DATE_FORMAT: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };

type Row = Route.ComponentProps["loaderData"]["rows"][number];

function NotificationItem({ row, now }: { row: Row; now: string }) {
  const Icon = KIND_ICONS[row.kind] ?? IconBell;
  const messageId = `notification-${row.id}-message`;
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      radius="md"
      style={
        row.unread
          ? {
              // A thick accent edge; the padding gives back the extra width so read and unread rows line up.
              borderInlineStart: "4px solid var(--mantine-primary-color-filled)",
              paddingInlineStart: "calc(var(--mantine-spacing-sm) - 3px)",
            }
          : undefined
      }
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <ThemeIcon variant={row.unread ? "filled" : "light"} radius="xl" size="lg" aria-hidden>
          <Icon size={18} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Form method="post">
            <input type="hidden" name="intent" value="open" />
            <input type="hidden" name="id" value={row.id} />
            <UnstyledButton type="submit" style={{ textAlign: "start", overflowWrap: "anywhere" }}>
              {row.unread ? <VisuallyHidden>Unread: </VisuallyHidden> : null}
              <Text
                component="span"
                id={messageId}
                fw={row.unread ? 700 : 400}
                c="var(--mantine-color-anchor)"
                td="underline"
                style={{ textUnderlineOffset: 3 }}
              >
                {row.message}
              </Text>
            </UnstyledButton>
          </Form>
          <Group gap={6} wrap="wrap">
            {row.actorId && row.actorName ? (
              <Anchor component={Link} to={`/people/${row.actorId}`} size="sm" fw={500}>
                {row.actorName}
              </Anchor>
            ) : null}
            <Text size="sm" c="dimmed">
              {relativeTime(row.createdAt, now)} · <LocalTime iso={row.createdAt} options={DATE_FORMAT} />
            </Text>
          </Group>
        </Stack>
        {row.unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <input type="hidden" name="id" value={row.id} />
            <ActionIcon
              type="submit"
              variant="subtle"
              size="lg"
              aria-label="Mark as read"
              title="Mark as read"
              aria-describedby={messageId}
            >
              <IconCheck size={18} stroke={1.8} />
            </ActionIcon>
          </Form>
        ) : null}
      </Group>
    </Card>
  );
}

function EmptyState({ unreadOnly, page }: { unreadOnly: boolean; page: number }) {
  if (page > 1) {
    return (
      <Text>
        There is nothing on this page.{" "}
        <Anchor component={Link} to={unreadOnly ? "/notifications?unread=1" : "/notifications"}>
          Go to the first page
        </Anchor>
        .
      </Text>
    );
  }
  return (
    <Card withBorder padding="xl" radius="md">
      <Stack align="center" gap="xs" ta="center">
        <ThemeIcon variant="light" radius="xl" size={48} aria-hidden>
          <IconBellCheck size={26} stroke={1.6} />
        </ThemeIcon>
        {unreadOnly ? (
          <>
            <Text fw={600}>You're all caught up</Text>
            <Text c="dimmed">There are no unread notifications.</Text>
            <Anchor component={Link} to="/notifications">
              Show all notifications
            </Anchor>
          </>
        ) : (
          <>
            <Text fw={600}>No notifications yet</Text>
            <Text c="dimmed" maw={440}>
              When something concerns you — a comment on your idea, a new follower, a team forming around it — you will find it
              here.
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

export default function Notifications({ loaderData, actionData }: Route.ComponentProps) {
  const { rows, page, pages, total, unreadOnly, now } = loaderData;
  const shell = useRouteLoaderData<typeof shellLoader>("routes/shell");
  const unread = shell?.unread ?? rows.filter((r) => r.unread).length;
  const navigation = useNavigation();
  const markingAll = navigation.state !== "idle" && navigation.formData?.get("intent") === "read-all";
  const status = actionData?.ok ? actionData.message : null;
  const failure = actionData && !actionData.ok ? actionData.formError : null;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1}>Notifications</Title>
          <Text c="dimmed">{unread > 0 ? `${unread} unread` : "Everything is read."}</Text>
        </Stack>
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <Button
            type="submit"
            variant="default"
            leftSection={<IconChecks size={18} stroke={1.6} />}
            loading={markingAll}
            data-disabled={unread === 0 || undefined}
            aria-disabled={unread === 0 || undefined}
            onClick={(event) => {
              if (unread === 0) event.preventDefault();
            }}
          >
            Mark all as read
          </Button>
        </Form>
      </Group>

      <Group component="nav" aria-label="Filter notifications" gap="xs">
        <Button
          component={Link}
          to="/notifications"
          variant={unreadOnly ? "default" : "filled"}
          size="compact-md"
          aria-current={unreadOnly ? undefined : "page"}
        >
          All
        </Button>
        <Button
          component={Link}
          to="/notifications?unread=1"
          variant={unreadOnly ? "filled" : "default"}
          size="compact-md"
          aria-current={unreadOnly ? "page" : undefined}
        >
          Unread only
        </Button>
      </Group>

      {/* Always present, so the message is announced when it appears; takes no room while empty. */}
      <Box role="status" aria-live="polite" className={status ? undefined : "visually-hidden"}>
        {status ? (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />}>
            {status}
          </Alert>
        ) : null}
      </Box>
      <FormAlert message={failure} />

      {rows.length === 0 ? (
        <EmptyState unreadOnly={unreadOnly} page={page} />
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label="Notifications">
          {rows.map((row) => (
            <NotificationItem key={row.id} row={row} now={now} />
          ))}
        </Stack>
      )}
      <Pager page={page} pages={pages} total={total} noun={unreadOnly ? "unread notification" : "notification"} />
    </Stack>
  );
}
