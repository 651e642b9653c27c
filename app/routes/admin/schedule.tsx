import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  IconArrowDown,
  IconArrowsShuffle,
  IconArrowUp,
  IconCircleCheck,
  IconPlayerPlay,
  IconPlayerSkipBack,
  IconPlayerSkipForward,
  IconPlayerStop,
} from "@tabler/icons-react";
import { useEffect } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { requireOrganiser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { LocalTime } from "~/components/LocalTime";
import { TableScroll } from "~/components/TableScroll";
import { dbContext, requestInfoContext } from "~/context";
import { CHANGEOVER_MINUTES, departmentClashes, interleaveDepartments, moveDown, moveUp, SLOT_MINUTES } from "~/demoday/order";
import {
  type Actor,
  loadSchedule,
  type PresentingCommand,
  saveOrder,
  saveTiming,
  setPresenting,
} from "~/demoday/schedule.server";
import { echoValues, parseForm, readFormData } from "~/lib/forms.server";
import { instantToZonedLocal, resolveZonedLocal } from "~/weeks/timezone";
import { requireWeekById } from "~/weeks/weeks.server";
import type { Route } from "./+types/schedule";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const schedule = await loadSchedule(db, week.id);
  const presenting = schedule.nowPresenting;
  return {
    week: { id: week.id, name: week.name, slug: week.slug, timeZone: week.timeZone },
    configured: schedule.configured,
    timing: {
      // Until it is saved, suggest the demo deadline as the start.
      startsAt: instantToZonedLocal(schedule.startsAt ?? week.demoDeadlineAt, week.timeZone),
      slotMinutes: String(schedule.slotMinutes),
      changeoverMinutes: String(schedule.changeoverMinutes),
    },
    nowPresenting: presenting ? { demoId: presenting.demoId, since: presenting.since.toISOString() } : null,
    clashes: departmentClashes(schedule.demos.map((d) => ({ id: d.id, departmentIds: d.departments.map((dep) => dep.id) }))),
    demos: schedule.demos.map((d) => ({
      id: d.id,
      title: d.title,
      teamName: d.teamName,
      departments: d.departments,
      startsAt: d.slot?.startsAt.toISOString() ?? null,
    })),
  };
}

const TimingSchema = z.object({
  startsAt: z.string().trim().min(1, "Enter when demo day starts."),
  slotMinutes: z.coerce
    .number({ message: "Enter a number of minutes." })
    .int("Whole minutes, please.")
    .min(SLOT_MINUTES.min, `At least ${SLOT_MINUTES.min} minute.`)
    .max(SLOT_MINUTES.max, `At most ${SLOT_MINUTES.max} minutes.`),
  changeoverMinutes: z.coerce
    .number({ message: "Enter a number of minutes." })
    .int("Whole minutes, please.")
    .min(CHANGEOVER_MINUTES.min, `At least ${CHANGEOVER_MINUTES.min} minutes.`)
    .max(CHANGEOVER_MINUTES.max, `At most ${CHANGEOVER_MINUTES.max} minutes.`),
});

/** Every button of the page posts one `op`: "up:12", "down:12", "present:12", "interleave", "next", "timing", … */
const OP = /^(?:(up|down|present):(\d{1,9})|(interleave|start|next|previous|clear|timing))$/;

type ActionResult = {
  ok: boolean;
  message?: string;
  formError?: string;
  errors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  /** The id of the control to focus after a move, so keyboard users keep their place. */
  focus?: string;
};

export async function action(args: Route.ActionArgs) {
  const organiser = requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const form = await readFormData(args.request, 20_000);
  const match = OP.exec(String(form.get("op") ?? ""));
  if (!match) throw data({ message: "That action was not understood." }, { status: 400 });
  const actor: Actor = { id: organiser.id, isOrganiser: true, requestId: args.context.get(requestInfoContext).requestId };
  const [, move, idText, simple] = match;
  const failed = (outcome: { status: number; message: string }) =>
    data<ActionResult>({ ok: false, formError: outcome.message }, { status: outcome.status });

  if (move === "up" || move === "down") {
    const id = Number(idText);
    const current = (await loadSchedule(db, week.id)).demos.map((d) => d.id);
    const next = move === "up" ? moveUp(current, id) : moveDown(current, id);
    const outcome = await saveOrder(db, actor, week.id, next);
    if (!outcome.ok) return failed(outcome);
    const at = next.indexOf(id);
    // At the top or bottom that button is gone; keep focus on the row's other one.
    const direction = move === "up" ? (at === 0 ? "down" : "up") : at === next.length - 1 ? "up" : "down";
    return { ok: true, focus: `move-${direction}-${id}` } as ActionResult;
  }
  if (move === "present") {
    const outcome = await setPresenting(db, actor, week.id, { kind: "demo", demoId: Number(idText) });
    return outcome.ok ? ({ ok: true } as ActionResult) : failed(outcome);
  }
  if (simple === "interleave") {
    const schedule = await loadSchedule(db, week.id);
    const order = interleaveDepartments(schedule.demos.map((d) => ({ id: d.id, departmentIds: d.departments.map((x) => x.id) })));
    const outcome = await saveOrder(
      db,
      actor,
      week.id,
      order.map((d) => d.id),
    );
    if (!outcome.ok) return failed(outcome);
    const clashes = departmentClashes(order);
    return {
      ok: true,
      message:
        clashes === 0
          ? "Interleaved: no two demos in a row share a department."
          : `Interleaved as far as possible: ${clashes} neighbouring pair${clashes === 1 ? "" : "s"} still share a department.`,
    };
  }
  if (simple === "timing") {
    const parsed = parseForm(form, TimingSchema);
    if (!parsed.ok) return data<ActionResult>({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const startsAt = resolveZonedLocal(parsed.data.startsAt, week.timeZone);
    if (!startsAt.ok) {
      return data<ActionResult>(
        { ok: false, errors: { startsAt: [startsAt.message] }, values: echoValues(form) },
        { status: 400 },
      );
    }
    const outcome = await saveTiming(db, actor, week.id, { ...parsed.data, startsAt: startsAt.instant });
    if (!outcome.ok) {
      return data<ActionResult>(
        outcome.field ? { ok: false, errors: { [outcome.field]: [outcome.message] } } : { ok: false, formError: outcome.message },
        { status: outcome.status },
      );
    }
    return { ok: true, message: "Timing saved. Every demo's slot has moved to match." };
  }
  const command = { kind: simple } as PresentingCommand;
  const outcome = await setPresenting(db, actor, week.id, command);
  return outcome.ok ? { ok: true } : failed(outcome);
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Demo day · ${data.week.name} · Admin · Expedition` : "Demo day · Admin · Expedition" }];
}

const TIME: Intl.DateTimeFormatOptions = { weekday: "short", hour: "2-digit", minute: "2-digit" };

export default function AdminSchedule({ loaderData, actionData }: Route.ComponentProps) {
  const { week, demos, nowPresenting, timing } = loaderData;
  const navigation = useNavigation();
  const busyOp = navigation.state === "submitting" ? navigation.formData?.get("op")?.toString() : undefined;
  const result = actionData as ActionResult | undefined;
  const errors = result?.errors ?? {};
  const values = { ...timing, ...(result?.values ?? {}) };

  useEffect(() => {
    if (result?.focus) document.getElementById(result.focus)?.focus();
  }, [result]);

  const at = nowPresenting ? demos.findIndex((d) => d.id === nowPresenting.demoId) : -1;
  const current = at >= 0 ? demos[at] : undefined;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/admin/weeks/${week.id}`} size="sm">
          ← {week.name}
        </Anchor>
        <Title order={1}>Demo day</Title>
        <Group gap="md">
          <Anchor component={Link} to={`/weeks/${week.slug}/schedule`}>
            The schedule as everyone sees it
          </Anchor>
          <Anchor component={Link} to={`/admin/weeks/${week.id}/dashboard`}>
            Live voting dashboard
          </Anchor>
        </Group>
      </Stack>

      <FormAlert message={result?.formError} />
      {result?.message ? (
        <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck size={18} />}>
          {result.message}
        </Alert>
      ) : null}

      <Form method="post" preventScrollReset>
        <Card withBorder padding="lg" component="section" aria-labelledby="presenting-heading">
          <Stack gap="sm">
            <Title order={2} size="h4" id="presenting-heading">
              Now presenting
            </Title>
            <Text data-testid="admin-now-presenting" aria-live="polite">
              {current && nowPresenting ? (
                <>
                  <strong>{current.title}</strong> ({current.teamName}), since{" "}
                  <LocalTime iso={nowPresenting.since} fallbackTimeZone={week.timeZone} options={TIME} />
                </>
              ) : (
                "Nobody is presenting."
              )}
            </Text>
            {!loaderData.configured ? (
              <Text size="sm" c="dimmed">
                Save demo day's start time below first.
              </Text>
            ) : null}
            <Group gap="sm">
              <Button
                type="submit"
                name="op"
                value="start"
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                disabled={demos.length === 0}
                loading={busyOp === "start"}
              >
                Start
              </Button>
              <Button
                type="submit"
                name="op"
                value="previous"
                variant="default"
                leftSection={<IconPlayerSkipBack size={16} aria-hidden />}
                disabled={at <= 0}
                loading={busyOp === "previous"}
              >
                Previous
              </Button>
              <Button
                type="submit"
                name="op"
                value="next"
                variant="default"
                leftSection={<IconPlayerSkipForward size={16} aria-hidden />}
                disabled={demos.length === 0 || at >= demos.length - 1}
                loading={busyOp === "next"}
              >
                Next
              </Button>
              <Button
                type="submit"
                name="op"
                value="clear"
                variant="subtle"
                color="red"
                leftSection={<IconPlayerStop size={16} aria-hidden />}
                disabled={!current}
                loading={busyOp === "clear"}
              >
                Clear
              </Button>
            </Group>
          </Stack>
        </Card>
      </Form>

      <Card withBorder padding="lg" component="section" aria-labelledby="timing-heading">
        <Form method="post" preventScrollReset>
          <input type="hidden" name="op" value="timing" />
          <Stack gap="sm">
            <Title order={2} size="h4" id="timing-heading">
              Timing
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                name="startsAt"
                label="Starts at"
                description={`In the week's time zone (${week.timeZone}).`}
                type="datetime-local"
                required
                defaultValue={values.startsAt}
                error={errors.startsAt?.[0]}
                key={`startsAt-${timing.startsAt}`}
              />
              <TextInput
                name="slotMinutes"
                label="Slot (minutes)"
                description={`${SLOT_MINUTES.min}–${SLOT_MINUTES.max}; default ${SLOT_MINUTES.default}.`}
                type="number"
                inputMode="numeric"
                min={SLOT_MINUTES.min}
                max={SLOT_MINUTES.max}
                step={1}
                required
                defaultValue={values.slotMinutes}
                error={errors.slotMinutes?.[0]}
                key={`slot-${timing.slotMinutes}`}
              />
              <TextInput
                name="changeoverMinutes"
                label="Change-over (minutes)"
                description={`${CHANGEOVER_MINUTES.min}–${CHANGEOVER_MINUTES.max}; default ${CHANGEOVER_MINUTES.default}.`}
                type="number"
                inputMode="numeric"
                min={CHANGEOVER_MINUTES.min}
                max={CHANGEOVER_MINUTES.max}
                step={1}
                required
                defaultValue={values.changeoverMinutes}
                error={errors.changeoverMinutes?.[0]}
                key={`changeover-${timing.changeoverMinutes}`}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={busyOp === "timing"}>
                Save timing
              </Button>
              {!loaderData.configured ? (
                <Text size="sm" c="dimmed">
                  Not saved yet: slots get times once you save.
                </Text>
              ) : null}
            </Group>
          </Stack>
        </Form>
      </Card>

      <Form method="post" preventScrollReset>
        <Stack gap="sm" component="section" aria-labelledby="order-heading">
          <Group justify="space-between" align="center">
            <Title order={2} size="h4" id="order-heading">
              Running order
            </Title>
            <Group gap="sm">
              <Badge variant="light" color={loaderData.clashes === 0 ? "teal" : "orange"}>
                {loaderData.clashes === 0
                  ? "No neighbours share a department"
                  : `${loaderData.clashes} neighbouring pair${loaderData.clashes === 1 ? "" : "s"} share a department`}
              </Badge>
              <Button
                type="submit"
                name="op"
                value="interleave"
                variant="default"
                leftSection={<IconArrowsShuffle size={16} aria-hidden />}
                disabled={demos.length < 2}
                loading={busyOp === "interleave"}
              >
                Interleave departments
              </Button>
            </Group>
          </Group>
          {demos.length === 0 ? (
            <Text c="dimmed">No demos have been submitted yet.</Text>
          ) : (
            <TableScroll minWidth={760}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">#</Table.Th>
                    <Table.Th scope="col">Move</Table.Th>
                    <Table.Th scope="col">Time</Table.Th>
                    <Table.Th scope="col">Demo</Table.Th>
                    <Table.Th scope="col">Departments</Table.Th>
                    <Table.Th scope="col">Present</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {demos.map((d, i) => {
                    const live = d.id === current?.id;
                    return (
                      <Table.Tr
                        key={d.id}
                        data-testid={`order-row-${d.id}`}
                        aria-current={live ? "true" : undefined}
                        bg={live ? "var(--mantine-primary-color-light)" : undefined}
                      >
                        <Table.Td>{i + 1}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            {i > 0 ? (
                              <ActionIcon
                                type="submit"
                                name="op"
                                value={`up:${d.id}`}
                                id={`move-up-${d.id}`}
                                variant="default"
                                aria-label={`Move ${d.title} up`}
                              >
                                <IconArrowUp size={16} aria-hidden />
                              </ActionIcon>
                            ) : (
                              <span style={{ width: 28, display: "inline-block" }} />
                            )}
                            {i < demos.length - 1 ? (
                              <ActionIcon
                                type="submit"
                                name="op"
                                value={`down:${d.id}`}
                                id={`move-down-${d.id}`}
                                variant="default"
                                aria-label={`Move ${d.title} down`}
                              >
                                <IconArrowDown size={16} aria-hidden />
                              </ActionIcon>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>
                          {d.startsAt ? (
                            <Text size="sm">
                              <LocalTime iso={d.startsAt} fallbackTimeZone={week.timeZone} options={TIME} />
                            </Text>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text fw={600} size="sm">
                            {d.title}
                          </Text>
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
                        <Table.Td>
                          {live ? (
                            <Badge color="red" variant="filled" size="sm">
                              Presenting
                            </Badge>
                          ) : (
                            <Button
                              type="submit"
                              name="op"
                              value={`present:${d.id}`}
                              size="compact-sm"
                              variant="subtle"
                              disabled={!loaderData.configured}
                              aria-label={`Present ${d.title} now`}
                            >
                              Present now
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Form>
    </Stack>
  );
}
