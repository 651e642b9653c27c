import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { Link } from "react-router";
import { trendCharts } from "~/archive/charts";
import { impactHeadlines } from "~/archive/stats";
import { archiveStatistics } from "~/archive/stats.server";
import { requireUser } from "~/auth/guards.server";
import { LazyChart } from "~/components/archive/LazyChart";
import { CustomMetrics, StatDefinitions, StatNumbers, StatsTable } from "~/components/archive/StatsTable";
import { dbContext } from "~/context";
import type { Route } from "./+types/stats";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const { weeks, totals } = await archiveStatistics(args.context.get(dbContext), new Date());
  return { weeks, totals, headlines: impactHeadlines(weeks, totals) };
}

export function meta() {
  return [{ title: "Impact and statistics · Expedition" }];
}

export default function Stats({ loaderData }: Route.ComponentProps) {
  const { weeks, totals, headlines } = loaderData;
  const charts = trendCharts(weeks);
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1}>Impact and statistics</Title>
        <Text c="dimmed">
          What the exploration weeks have returned: who took part, how teams mixed across departments, and what became of the
          demos. Every number is computed from the archive as it stands now.
        </Text>
        <Group gap="md">
          <Anchor component={Link} to="/archive" size="sm">
            All past weeks
          </Anchor>
          <Anchor component={Link} to="/archive/demos" size="sm">
            Search every demo
          </Anchor>
        </Group>
      </Stack>

      {weeks.length === 0 ? (
        <Text>No week has published its results yet, so there is nothing to count.</Text>
      ) : (
        <>
          <Stack gap="sm" component="section" aria-labelledby="headline-title">
            <Title order={2} id="headline-title">
              Across {totals.weeks} week{totals.weeks === 1 ? "" : "s"}
            </Title>
            {headlines.length ? (
              <Stack gap="xs">
                {headlines.map((line) => (
                  <Paper key={line} withBorder p="sm" radius="md">
                    <Group gap="sm" wrap="nowrap">
                      <IconBulb size={22} aria-hidden color="var(--mantine-color-green-7)" style={{ flexShrink: 0 }} />
                      <Text fw={500}>{line}</Text>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            ) : (
              <Text c="dimmed">
                No impact has been measured yet. Teams record hours, money and reach on their demo's outcome page.
              </Text>
            )}
            <StatNumbers stats={totals} />
            <CustomMetrics impact={totals.impact} />
            <Text size="xs" c="dimmed">
              Across weeks, a person, department or mentor is counted once however many weeks they took part in.
            </Text>
          </Stack>

          <Stack gap="md" component="section" aria-labelledby="charts-title">
            <Title order={2} id="charts-title">
              Over time
            </Title>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
              {charts.map((spec) => (
                <LazyChart key={spec.id} spec={spec} />
              ))}
            </SimpleGrid>
          </Stack>

          <Stack gap="sm" component="section" aria-labelledby="table-title">
            <Title order={2} id="table-title">
              Every week in numbers
            </Title>
            <StatsTable
              weeks={weeks}
              totals={totals}
              caption="Statistics of every past week, newest first, and all weeks together"
            />
            <StatDefinitions />
          </Stack>
        </>
      )}
    </Stack>
  );
}
