import { Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconBroadcast } from "@tabler/icons-react";
import { useCallback, useEffect, useRef } from "react";
import { Link, useRevalidator } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { LocalTime } from "~/components/LocalTime";
import { TableScroll } from "~/components/TableScroll";
import { dbContext } from "~/context";
import { liveDashboard } from "~/live/dashboard.server";
import { useLiveEvents } from "~/live/use-live";
import { requireWeekById } from "~/weeks/weeks.server";
import type { Route } from "./+types/dashboard";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const dashboard = await liveDashboard(db, week.id);
  return {
    week: { id: week.id, name: week.name, slug: week.slug, timeZone: week.timeZone },
    ...dashboard,
    at: new Date().toISOString(),
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Live dashboard · ${data.week.name} · Admin · Expedition` : "Live dashboard · Admin · Expedition" }];
}

/** Revalidates the page when ballots or votes arrive; a burst of events becomes one reload. */
function useLiveReload(url: string): boolean {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const debounce = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(debounce.current), []);
  const reload = useCallback(() => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void revalidate.current(), 250);
  }, []);
  return useLiveEvents(url, ["ballot", "vote", "schedule"], reload, reload);
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit" };

export default function LiveDashboard({ loaderData }: Route.ComponentProps) {
  const { week, judges, demos, turnout, criteria } = loaderData;
  const connected = useLiveReload(`/weeks/${week.slug}/live`);
  const assigned = judges.reduce((n, j) => n + j.assigned, 0);
  const complete = judges.reduce((n, j) => n + j.complete, 0);
  const uncovered = demos.filter((d) => d.assigned > 0 && d.scored === 0).length;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/admin/weeks/${week.id}/schedule`} size="sm">
          ← Demo day · {week.name}
        </Anchor>
        <Group justify="space-between" align="center">
          <Title order={1}>Live voting dashboard</Title>
          <Badge
            variant="dot"
            color={connected ? "teal" : "gray"}
            leftSection={<IconBroadcast size={12} aria-hidden />}
            data-testid="live-status"
          >
            {connected ? "Live" : "Connecting…"}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          Counts only — no scores and no one's choices. Updated <LocalTime iso={loaderData.at} options={TIME} />.
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 3 }} aria-live="polite">
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            Judges' ballots complete
          </Text>
          <Text size="xl" fw={700} data-testid="ballots-complete">
            {complete} / {assigned}
          </Text>
          <Progress value={percent(complete, assigned)} mt="xs" aria-label="Ballots complete" />
        </Card>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            Demos not yet scored by anyone
          </Text>
          <Text size="xl" fw={700}>
            {uncovered} of {demos.length}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            People's choice
          </Text>
          <Text size="xl" fw={700} data-testid="turnout">
            {turnout.voters} {turnout.voters === 1 ? "person" : "people"} · {turnout.votes} vote{turnout.votes === 1 ? "" : "s"}
          </Text>
          <Text size="xs" c="dimmed">
            {turnout.limitPerPerson === 0 ? "People's choice is off this week." : `Up to ${turnout.limitPerPerson} each.`}
          </Text>
        </Card>
      </SimpleGrid>

      {criteria === 0 ? <Text c="orange">This week has no criteria yet, so no ballot can be complete.</Text> : null}

      <section aria-labelledby="judges-heading">
        <Title order={2} size="h4" id="judges-heading" mb="sm">
          Judges
        </Title>
        {judges.length === 0 ? (
          <Text c="dimmed">No judges yet.</Text>
        ) : (
          <TableScroll minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Judge</Table.Th>
                  <Table.Th scope="col">Complete</Table.Th>
                  <Table.Th scope="col">In progress</Table.Th>
                  <Table.Th scope="col">Progress</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {judges.map((j) => (
                  <Table.Tr key={j.judgeId} data-testid={`judge-${j.judgeId}`}>
                    <Table.Th scope="row">{j.name}</Table.Th>
                    <Table.Td>
                      {j.complete} / {j.assigned}
                    </Table.Td>
                    <Table.Td>{j.started}</Table.Td>
                    <Table.Td w="40%">
                      <Progress
                        value={percent(j.complete, j.assigned)}
                        color={j.assigned > 0 && j.complete === j.assigned ? "teal" : undefined}
                        aria-label={`${j.name}: ${j.complete} of ${j.assigned} ballots complete`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="coverage-heading">
        <Title order={2} size="h4" id="coverage-heading" mb="sm">
          Demo coverage
        </Title>
        {demos.length === 0 ? (
          <Text c="dimmed">No demos yet.</Text>
        ) : (
          <TableScroll minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Demo</Table.Th>
                  <Table.Th scope="col">Judges who scored</Table.Th>
                  <Table.Th scope="col">Coverage</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {demos.map((d) => (
                  <Table.Tr key={d.demoId} data-testid={`coverage-${d.demoId}`}>
                    <Table.Th scope="row">
                      <Text fw={600} size="sm">
                        {d.title}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {d.teamName}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {d.scored} / {d.assigned}
                      {d.assigned === 0 ? (
                        <Badge ml="xs" color="orange" variant="light" size="sm">
                          No judges assigned
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td w="40%">
                      <Progress
                        value={percent(d.scored, d.assigned)}
                        color={d.assigned > 0 && d.scored === d.assigned ? "teal" : undefined}
                        aria-label={`${d.title}: ${d.scored} of ${d.assigned} judges scored`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </section>
    </Stack>
  );
}
