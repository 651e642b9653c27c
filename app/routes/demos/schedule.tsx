import { Alert, Anchor, Badge, Button, Card, CopyButton, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconBroadcast, IconCalendarPlus, IconCheck, IconCopy } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { data, Form, Link, useNavigation, useRevalidator } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { LocalTime } from "~/components/LocalTime";
import { TableScroll } from "~/components/TableScroll";
import { dbContext } from "~/context";
import {
  calendarTokenCreatedAt,
  loadSchedule,
  myDemoId,
  revokeCalendarToken,
  rotateCalendarToken,
} from "~/demoday/schedule.server";
import { readFormData } from "~/lib/forms.server";
import { selfOrigin } from "~/lib/request.server";
import { useLiveEvents } from "~/live/use-live";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/schedule";

async function weekOr404(args: Route.LoaderArgs | Route.ActionArgs) {
  const week = await findWeekBySlug(args.context.get(dbContext), args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  return week;
}

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await weekOr404(args);
  const [schedule, calendarSince, mine] = await Promise.all([
    loadSchedule(db, week.id),
    calendarTokenCreatedAt(db, user.id),
    myDemoId(db, user.id, week.id),
  ]);
  const presenting = schedule.nowPresenting;
  return {
    week: { id: week.id, name: week.name, slug: week.slug, timeZone: week.timeZone },
    isOrganiser: hasRole(user, "organiser"),
    configured: schedule.configured,
    startsAt: schedule.startsAt?.toISOString() ?? null,
    slotMinutes: schedule.slotMinutes,
    changeoverMinutes: schedule.changeoverMinutes,
    nowPresenting: presenting
      ? { demoId: presenting.demoId, since: presenting.since.toISOString(), endsAt: presenting.endsAt.toISOString() }
      : null,
    demos: schedule.demos.map((d) => ({
      id: d.id,
      title: d.title,
      teamName: d.teamName,
      departments: d.departments,
      startsAt: d.slot?.startsAt.toISOString() ?? null,
      endsAt: d.slot?.endsAt.toISOString() ?? null,
    })),
    myDemoId: mine,
    calendarSince: calendarSince?.toISOString() ?? null,
    nowIso: new Date().toISOString(),
  };
}

/** Creates (or replaces) the viewer's private calendar link, or turns it off. */
export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await weekOr404(args);
  const form = await readFormData(args.request, 10_000);
  const intent = form.get("intent");
  if (intent === "calendar-revoke") {
    await revokeCalendarToken(db, user.id);
    return { revoked: true as const, feed: null };
  }
  if (intent !== "calendar-create") throw data({ message: "That action was not understood." }, { status: 400 });
  const token = await rotateCalendarToken(db, user.id);
  const https = `${selfOrigin(args.request)}/weeks/${week.slug}/schedule.ics?${new URLSearchParams({ token })}`;
  return { revoked: false as const, feed: { https, webcal: https.replace(/^https?:/, "webcal:") } };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Demo day schedule · ${data.week.name} · Expedition` : "Demo day schedule · Expedition" }];
}

const TIME: Intl.DateTimeFormatOptions = { weekday: "short", hour: "2-digit", minute: "2-digit" };

function clock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Time left in the slot of the demo presenting now, ticking each second; "over time" once it runs out. */
function SlotCountdown({ endsAt, nowIso }: { endsAt: string; nowIso: string }) {
  const target = new Date(endsAt).getTime();
  const [now, setNow] = useState(() => new Date(nowIso).getTime());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = target - now;
  return (
    <Text component="span" fw={700} ff="monospace" size="xl" c={left <= 0 ? "red" : left < 30_000 ? "orange" : undefined}>
      <span role="timer" aria-live="off" data-testid="slot-countdown" suppressHydrationWarning>
        {left > 0 ? `${clock(left)} left` : `${clock(left)} over time`}
      </span>
    </Text>
  );
}

function CalendarSubscribe({
  since,
  feed,
  revoked,
}: {
  since: string | null;
  feed: { https: string; webcal: string } | null;
  revoked: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent")?.toString().startsWith("calendar-");
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="calendar-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="calendar-heading">
          Subscribe in your calendar
        </Title>
        <Text size="sm" c="dimmed">
          A private link to this week's milestones and demo slots. Your calendar app refreshes it, so changes to the running order
          reach you by themselves. Anyone with the link can read the schedule, so keep it to yourself.
        </Text>
        {feed ? (
          <Stack gap="xs">
            <Alert color="teal" variant="light" role="status" icon={<IconCheck size={18} />}>
              Here is your link. Copy it now: we keep only a fingerprint of it, so it can't be shown again (you can always make a
              new one).
            </Alert>
            <Group gap="xs" align="end" wrap="nowrap">
              <TextInput
                label="Open in your calendar app"
                value={feed.webcal}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="calendar-webcal"
              />
              <Anchor href={feed.webcal} size="sm" pb={8}>
                Open
              </Anchor>
            </Group>
            <Group gap="xs" align="end" wrap="nowrap">
              <TextInput
                label="Or paste this address (https)"
                value={feed.https}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="calendar-https"
              />
              <CopyButton value={feed.https}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  >
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        ) : null}
        {revoked ? (
          <Alert color="gray" variant="light" role="status">
            Your calendar link is turned off. Calendars that used it will stop updating.
          </Alert>
        ) : null}
        {since && !feed ? (
          <Text size="sm">
            You made a calendar link on <LocalTime iso={since} />. Making a new one turns the old one off.
          </Text>
        ) : null}
        <Form method="post" preventScrollReset>
          <Group gap="sm">
            <Button
              type="submit"
              name="intent"
              value="calendar-create"
              leftSection={<IconCalendarPlus size={16} aria-hidden />}
              loading={busy && navigation.formData?.get("intent") === "calendar-create"}
            >
              {since || feed ? "Make a new calendar link" : "Get my calendar link"}
            </Button>
            {since || feed ? (
              <Button type="submit" name="intent" value="calendar-revoke" variant="subtle" color="red">
                Turn off my calendar link
              </Button>
            ) : null}
          </Group>
        </Form>
      </Stack>
    </Card>
  );
}

export default function SchedulePage({ loaderData, actionData }: Route.ComponentProps) {
  const { week, demos, nowPresenting, configured } = loaderData;
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const connected = useLiveEvents(
    `/weeks/${week.slug}/live`,
    ["presenting", "schedule"],
    () => void revalidate.current(),
    () => void revalidate.current(),
  );
  const current = nowPresenting ? demos.find((d) => d.id === nowPresenting.demoId) : undefined;
  const index = current ? demos.indexOf(current) : -1;
  const upNext = index >= 0 ? demos[index + 1] : undefined;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={`/weeks/${week.slug}`} size="sm">
          ← {week.name}
        </Anchor>
        <Group justify="space-between" align="center">
          <Title order={1}>Demo day schedule</Title>
          <Group gap="sm">
            <Badge
              variant="dot"
              color={connected ? "teal" : "gray"}
              leftSection={<IconBroadcast size={12} aria-hidden />}
              data-testid="live-status"
            >
              {connected ? "Live" : "Connecting…"}
            </Badge>
            {loaderData.isOrganiser ? (
              <Button component={Link} to={`/admin/weeks/${week.id}/schedule`} variant="default" size="xs">
                Edit the running order
              </Button>
            ) : null}
          </Group>
        </Group>
        <Text c="dimmed">
          {configured
            ? `Each team has ${loaderData.slotMinutes} minutes, with ${loaderData.changeoverMinutes} minute${loaderData.changeoverMinutes === 1 ? "" : "s"} to change over. Times are in your time zone.`
            : "The organisers haven't set demo day's start time yet. The running order below may still change."}
        </Text>
      </Stack>

      <Card withBorder padding="lg" component="section" aria-labelledby="now-heading" data-testid="now-presenting">
        <Stack gap={6} aria-live="polite">
          <Title order={2} size="h4" id="now-heading">
            Now presenting
          </Title>
          {current && nowPresenting ? (
            <>
              <Group justify="space-between" align="center">
                <Stack gap={0}>
                  <Text size="xl" fw={700} data-testid="now-presenting-title">
                    {current.title}
                  </Text>
                  <Text c="dimmed">{current.teamName}</Text>
                </Stack>
                <SlotCountdown key={nowPresenting.since} endsAt={nowPresenting.endsAt} nowIso={loaderData.nowIso} />
              </Group>
              {upNext ? (
                <Text size="sm">
                  Up next: <strong>{upNext.title}</strong> ({upNext.teamName})
                </Text>
              ) : (
                <Text size="sm">This is the last demo.</Text>
              )}
            </>
          ) : (
            <Text c="dimmed" data-testid="now-presenting-title">
              Nobody is presenting right now.
            </Text>
          )}
        </Stack>
      </Card>

      <section aria-labelledby="order-heading">
        <Title order={2} size="h4" id="order-heading" mb="sm">
          Running order
        </Title>
        {demos.length === 0 ? (
          <Text c="dimmed">No demos have been submitted yet.</Text>
        ) : (
          <TableScroll minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Demo</Table.Th>
                  <Table.Th scope="col">Departments</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {demos.map((d, i) => {
                  const live = d.id === current?.id;
                  return (
                    <Table.Tr
                      key={d.id}
                      aria-current={live ? "true" : undefined}
                      bg={live ? "var(--mantine-primary-color-light)" : undefined}
                      data-testid={`schedule-row-${d.id}`}
                    >
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {d.startsAt && d.endsAt ? (
                          <Text size="sm">
                            <LocalTime iso={d.startsAt} fallbackTimeZone={week.timeZone} options={TIME} />
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            To be set
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Anchor component={Link} to={`/demos/${d.id}`} fw={600}>
                            {d.title}
                          </Anchor>
                          {live ? (
                            <Badge color="red" variant="filled" size="sm">
                              Presenting now
                            </Badge>
                          ) : null}
                          {d.id === loaderData.myDemoId ? (
                            <Badge variant="light" size="sm">
                              Your team
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="sm" c="dimmed">
                          {d.teamName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {d.departments.map((dep) => (
                            <Badge key={dep.id} variant="light" color="indigo" size="sm">
                              {dep.name}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </section>

      <CalendarSubscribe
        since={loaderData.calendarSince}
        feed={actionData?.feed ?? null}
        revoked={Boolean(actionData?.revoked)}
      />
    </Stack>
  );
}
