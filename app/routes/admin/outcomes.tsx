import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { data, Form, Link } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { TableScroll } from "~/components/TableScroll";
import { dbContext } from "~/context";
import { formatInstant } from "~/demos/demos.server";
import { PAGE_SIZE, pageCount } from "~/lib/pagination";
import { CheckpointBadge, OutcomeStatusBadge } from "~/outcomes/display";
import { listOverdueCheckpoints, weeksWithCheckpoints } from "~/outcomes/outcomes.server";
import { CHECKPOINT_STATE_LABELS } from "~/outcomes/rules";
import { OverdueQuerySchema } from "~/outcomes/schemas.server";
import type { Route } from "./+types/outcomes";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const params = new URL(args.request.url).searchParams;
  const parsed = OverdueQuerySchema.safeParse({ week: params.get("week") ?? undefined, page: params.get("page") ?? undefined });
  if (!parsed.success) {
    throw data({ message: parsed.error.issues[0]?.message ?? "That filter was not understood." }, { status: 400 });
  }
  const { week, page } = parsed.data;
  const [weekOptions, list] = await Promise.all([weeksWithCheckpoints(db), listOverdueCheckpoints(db, { weekId: week, page })]);
  return {
    weekId: week ?? null,
    weeks: weekOptions,
    page,
    total: list.total,
    pages: pageCount(list.total, PAGE_SIZE),
    rows: list.rows.map((r) => ({
      ...r,
      dueAt: r.dueAt.toISOString(),
      dueLabel: formatInstant(r.dueAt, "UTC"),
      stateLabel: CHECKPOINT_STATE_LABELS[r.state],
      lastActivityLabel: r.lastActivityAt ? formatInstant(r.lastActivityAt, "UTC") : null,
      remindedLabel: r.remindedAt ? formatInstant(r.remindedAt, "UTC") : null,
      lastActivityAt: r.lastActivityAt?.toISOString() ?? null,
      remindedAt: r.remindedAt?.toISOString() ?? null,
    })),
  };
}

export function meta() {
  return [{ title: "Outcome checkpoints · Admin · Expedition" }];
}

export default function OutcomeCheckpoints({ loaderData }: Route.ComponentProps) {
  const { rows, weeks, weekId } = loaderData;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Outcome checkpoints</Title>
        <Text c="dimmed">
          30, 90 and 180 days after a week's results each team is reminded to record what became of its demo. These demos have a
          checkpoint that fell due with nothing recorded since two weeks before it; overdue ones (two weeks past due) come first.
        </Text>
      </Stack>
      <Form method="get">
        <Group align="flex-end">
          <NativeSelect
            name="week"
            label="Week"
            defaultValue={weekId ? String(weekId) : ""}
            data={[{ value: "", label: "All weeks" }, ...weeks.map((w) => ({ value: String(w.id), label: w.name }))]}
          />
          <Button type="submit" variant="default">
            Filter
          </Button>
        </Group>
      </Form>
      {rows.length === 0 ? (
        <Text>Nothing is due: every demo with published results is up to date.</Text>
      ) : (
        <TableScroll minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Demo</Table.Th>
                <Table.Th>Week</Table.Th>
                <Table.Th>Checkpoint</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last recorded</Table.Th>
                <Table.Th>Reminder</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.demoId}-${r.days}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/demos/${r.demoId}/outcome`}>
                      {r.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      <Anchor component={Link} to={`/teams/${r.teamId}`} size="xs">
                        {r.teamName}
                      </Anchor>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/outcomes?week=${r.weekId}`} size="sm">
                      {r.weekName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {r.days} days
                    <Text size="xs" c="dimmed">
                      due {r.dueLabel}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CheckpointBadge state={r.state} label={r.stateLabel} />
                  </Table.Td>
                  <Table.Td>
                    <OutcomeStatusBadge status={r.status} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    {r.lastActivityLabel ?? (
                      <Text span c="dimmed" size="sm">
                        never
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.remindedLabel ? (
                      <Badge variant="light" color="gray" size="sm">
                        sent {r.remindedLabel}
                      </Badge>
                    ) : (
                      <Text span c="dimmed" size="sm">
                        not yet
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Pager page={loaderData.page} pages={loaderData.pages} total={loaderData.total} noun="demo" />
    </Stack>
  );
}
