import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconChartBar, IconSearch, IconTrophy } from "@tabler/icons-react";
import { Form, Link } from "react-router";
import { pastWeeks } from "~/archive/archive.server";
import { formatNumber, formatShare, impactHeadlines } from "~/archive/stats";
import { archiveStatistics } from "~/archive/stats.server";
import { Q_MAX } from "~/archive/vocabulary";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import type { Route } from "./+types/index";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const db = args.context.get(dbContext);
  const now = new Date();
  const [rows, { weeks: stats, totals }] = await Promise.all([pastWeeks(db, now), archiveStatistics(db, now)]);
  const statsOf = new Map(stats.map((s) => [s.weekId, s]));
  return {
    weeks: rows.map(({ week, winners, resultsPublished, carriedOver }) => {
      const s = statsOf.get(week.id);
      return {
        id: week.id,
        name: week.name,
        slug: week.slug,
        theme: week.theme,
        resultsPublished,
        winners,
        carriedOver,
        participants: s?.participants ?? 0,
        ideas: s?.ideas ?? 0,
        teams: s?.teams ?? 0,
        demos: s?.demos ?? 0,
        departments: s?.departments ?? 0,
        crossDepartmentShare: s?.crossDepartmentShare ?? null,
        hoursSaved: s?.impact.hoursSaved ?? 0,
      };
    }),
    headlines: impactHeadlines(stats, totals).slice(0, 3),
  };
}

export function meta() {
  return [{ title: "Archive · Expedition" }];
}

export default function Archive({ loaderData }: Route.ComponentProps) {
  const { weeks, headlines } = loaderData;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>Archive</Title>
          <Text c="dimmed">Every past exploration week: its theme, its winners, every demo and what became of them.</Text>
        </Stack>
        <Button component={Link} to="/stats" variant="light" leftSection={<IconChartBar size={16} aria-hidden />}>
          Impact and statistics
        </Button>
      </Group>

      <Form method="get" action="/archive/demos" role="search" aria-label="Search every past week">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="search"
            name="q"
            label="Search every demo, pitch, learning and outcome"
            placeholder='e.g. on-call automation, "feature flags"'
            leftSection={<IconSearch size={16} />}
            maxLength={Q_MAX}
            style={{ flex: "1 1 20rem" }}
          />
          <Button type="submit">Search</Button>
          <Anchor component={Link} to="/archive/demos" size="sm">
            Browse all demos
          </Anchor>
        </Group>
      </Form>

      {headlines.length ? (
        <Stack gap={2}>
          {headlines.map((line) => (
            <Text key={line} fw={500}>
              {line}
            </Text>
          ))}
        </Stack>
      ) : null}

      {weeks.length === 0 ? <Text>No week has finished yet.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {weeks.map((w) => (
          <Card key={w.id} withBorder padding="lg" component="article" aria-labelledby={`week-${w.id}`}>
            <Stack gap="xs" h="100%">
              <Title order={2} size="h3" id={`week-${w.id}`}>
                <Anchor component={Link} to={`/archive/${w.slug}`} inherit>
                  {w.name}
                </Anchor>
              </Title>
              {w.theme ? <Text size="sm">{w.theme}</Text> : null}
              <Group gap="lg" component="dl" m={0}>
                <Stat label="participants" value={formatNumber(w.participants)} />
                <Stat label="teams" value={formatNumber(w.teams)} />
                <Stat label="demos" value={formatNumber(w.demos)} />
                <Stat label="departments" value={formatNumber(w.departments)} />
                <Stat label="cross-department" value={formatShare(w.crossDepartmentShare)} />
                {w.hoursSaved > 0 ? <Stat label="hours saved a year" value={formatNumber(w.hoursSaved)} /> : null}
              </Group>
              {w.winners.length ? (
                <List
                  size="sm"
                  spacing={4}
                  icon={<IconTrophy size={14} aria-hidden color="var(--mantine-color-yellow-7)" />}
                  aria-label="Winners"
                >
                  {w.winners.map((winner) => (
                    <List.Item key={`${winner.awardName}-${winner.demoId}`}>
                      <Text span size="sm" fw={500}>
                        {winner.awardName}:
                      </Text>{" "}
                      <Anchor component={Link} to={`/demos/${winner.demoId}`} size="sm" underline="always">
                        {winner.demoTitle}
                      </Anchor>{" "}
                      <Text span size="xs" c="dimmed">
                        ({winner.teamName})
                      </Text>
                    </List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm" c="dimmed">
                  {w.resultsPublished ? "No awards were given." : "Results were not published."}
                </Text>
              )}
              <Group gap="md" mt="auto">
                <Anchor component={Link} to={`/archive/${w.slug}`} size="sm">
                  See the showcase →
                </Anchor>
                <Anchor component={Link} to={`/weeks/${w.slug}/ideas`} size="sm">
                  Its ideas
                </Anchor>
                {w.carriedOver > 0 ? (
                  <Badge variant="outline" color="gray" size="sm">
                    {w.carriedOver} carried over
                  </Badge>
                ) : null}
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text component="dt" size="xs" c="dimmed" style={{ order: 2 }}>
        {label}
      </Text>
      <Text component="dd" fw={700} size="lg" m={0} style={{ order: 1 }}>
        {value}
      </Text>
    </Stack>
  );
}
