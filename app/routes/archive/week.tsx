import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconTrophy } from "@tabler/icons-react";
import { data, Link } from "react-router";
import { weekOutcomeChart } from "~/archive/charts";
import { weekShowcase } from "~/archive/showcase.server";
import { impactHeadlines } from "~/archive/stats";
import { requireUser } from "~/auth/guards.server";
import { ARCHIVE_CARD_ICONS, ArchiveDemoCard } from "~/components/archive/ArchiveDemoCard";
import { LazyChart } from "~/components/archive/LazyChart";
import { CustomMetrics, StatDefinitions, StatNumbers } from "~/components/archive/StatsTable";
import { Markdown } from "~/components/Markdown";
import { IconSprite } from "~/components/plain/Sprite";
import { formatScore } from "~/components/RankingTable";
import { dbContext } from "~/context";
import { formatInstant } from "~/demos/demos.server";
import { renderMarkdown } from "~/lib/markdown.server";
import type { Route } from "./+types/week";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const showcase = await weekShowcase(args.context.get(dbContext), args.params.slug, new Date());
  if (showcase.status === "missing") throw data({ message: "There is no week at that address." }, { status: 404 });
  const { week } = showcase;
  const base = { name: week.name, slug: week.slug, theme: week.theme };
  if (showcase.status === "pending") {
    // Not an error page: the week exists, it simply is not in the archive yet.
    return data(
      {
        status: "pending" as const,
        week: { ...base, resultsAt: formatInstant(week.resultsPublishedAt, week.timeZone) },
      },
      { status: 404 },
    );
  }
  return {
    status: "ok" as const,
    week: { ...base, descriptionHtml: renderMarkdown(week.description) },
    winners: showcase.winners,
    demos: showcase.demos,
    stats: showcase.stats,
    headlines: impactHeadlines([showcase.stats]),
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.week.name} · Archive · Expedition` : "Archive · Expedition" }];
}

export default function ArchiveWeek({ loaderData }: Route.ComponentProps) {
  if (loaderData.status === "pending") {
    const { week } = loaderData;
    return (
      <Stack gap="lg" maw={720}>
        <Anchor component={Link} to="/archive" size="sm">
          ← Archive
        </Anchor>
        <Title order={1}>{week.name} is not in the archive yet</Title>
        <Alert variant="light" title="Still under way">
          <Stack gap="xs">
            <Text>
              A week joins the archive once its results are published (planned for {week.resultsAt}). Until then its ideas, teams
              and demos live on the week's own pages.
            </Text>
            <Anchor component={Link} to={`/weeks/${week.slug}`}>
              Go to {week.name}
            </Anchor>
          </Stack>
        </Alert>
      </Stack>
    );
  }
  const { week, winners, demos, stats, headlines } = loaderData;
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Anchor component={Link} to="/archive" size="sm">
          ← Archive
        </Anchor>
        <Title order={1}>{week.name}</Title>
        {week.theme ? (
          <Text size="lg" fw={500}>
            {week.theme}
          </Text>
        ) : null}
        <Markdown html={week.descriptionHtml} />
        <Group gap="md">
          <Anchor component={Link} to={`/archive/demos?week=${encodeURIComponent(week.slug)}`} size="sm">
            Search this week's demos
          </Anchor>
          <Anchor component={Link} to={`/weeks/${week.slug}/ideas`} size="sm">
            Its ideas
          </Anchor>
          <Anchor component={Link} to={`/weeks/${week.slug}/results`} size="sm">
            Full results
          </Anchor>
        </Group>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="winners-title">
        <Title order={2} id="winners-title">
          Winners
        </Title>
        {winners.length === 0 ? <Text c="dimmed">No winners were published for this week.</Text> : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {winners.map((w) => (
            <Card
              key={`${w.awardId}-${w.demoId}`}
              withBorder
              padding="md"
              component="article"
              aria-labelledby={`award-${w.awardId}-${w.demoId}`}
            >
              <Stack gap={6}>
                <Group gap="xs" wrap="nowrap">
                  <IconTrophy size={20} aria-hidden color="var(--mantine-color-yellow-7)" />
                  <Title order={3} size="h5" id={`award-${w.awardId}-${w.demoId}`}>
                    {w.awardName}
                  </Title>
                </Group>
                <Anchor component={Link} to={`/demos/${w.demoId}`} fw={700}>
                  {w.demoTitle}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {w.teamName}
                  {w.criterionName ? ` · judged on ${w.criterionName}` : ""}
                </Text>
                {w.citation ? (
                  <Text size="sm" fs="italic">
                    “{w.citation}”
                  </Text>
                ) : null}
                <Group gap="xs">
                  {w.score !== null ? (
                    <Badge variant="light" size="sm">
                      Score {formatScore(w.score)}
                    </Badge>
                  ) : null}
                  {w.votes !== null ? (
                    <Badge variant="light" size="sm">
                      {w.votes} vote{w.votes === 1 ? "" : "s"}
                    </Badge>
                  ) : null}
                </Group>
                {w.tieBreak ? (
                  <Text size="xs" c="dimmed">
                    {w.tieBreak}
                  </Text>
                ) : null}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap="md" component="section" aria-labelledby="stats-title">
        <Title order={2} id="stats-title">
          The week in numbers
        </Title>
        {headlines.map((line) => (
          <Text key={line} fw={500}>
            {line}
          </Text>
        ))}
        <StatNumbers stats={stats} />
        <CustomMetrics impact={stats.impact} />
        {stats.demos > 0 ? <LazyChart spec={weekOutcomeChart(stats)} /> : null}
        <StatDefinitions />
        <Anchor component={Link} to="/stats" size="sm">
          Compare with other weeks
        </Anchor>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="demos-title">
        <Title order={2} id="demos-title">
          Every demo ({demos.length})
        </Title>
        {demos.length === 0 ? <Text c="dimmed">No demos were submitted this week.</Text> : null}
        <IconSprite icons={ARCHIVE_CARD_ICONS} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {demos.map((d) => (
            <ArchiveDemoCard key={d.id} demo={d} />
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
