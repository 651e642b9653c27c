import { Anchor, Badge, Button, Card, Grid, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconBulb, IconPencil } from "@tabler/icons-react";
import { data, Link } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { Countdown } from "~/components/LocalTime";
import { Markdown } from "~/components/Markdown";
import { WeekTimeline } from "~/components/WeekTimeline";
import { dbContext } from "~/context";
import { renderMarkdown } from "~/lib/markdown.server";
import { callToAction } from "~/weeks/cta";
import { presentWeek } from "~/weeks/present";
import { describeRules } from "~/weeks/week-form.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/week";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const week = await findWeekBySlug(args.context.get(dbContext), args.params.slug);
  if (!week) throw data({ message: "There is no exploration week at this address." }, { status: 404 });
  const now = new Date();
  const presented = presentWeek(week, now);
  return {
    now: now.toISOString(),
    week: presented,
    descriptionHtml: renderMarkdown(week.description),
    rules: describeRules(week),
    cta: callToAction(presented.phase, presented),
    editTo: hasRole(user, "organiser") ? `/admin/weeks/${week.id}` : null,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.week.name} · Expedition` : "Week not found · Expedition" }];
}

export default function WeekPage({ loaderData }: Route.ComponentProps) {
  const { week, cta, now, rules, descriptionHtml, editTo } = loaderData;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{week.name}</Title>
          {week.theme ? <Text size="lg">{week.theme}</Text> : null}
        </Stack>
        {editTo ? (
          <Button component={Link} to={editTo} variant="default" leftSection={<IconPencil size={16} aria-hidden />}>
            Edit week
          </Button>
        ) : null}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg">
              <Stack gap="md">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Stack gap={2}>
                    <Text size="sm" c="dimmed">
                      Now
                    </Text>
                    <Title order={2} size="h3" data-testid="current-phase">
                      {week.phaseLabel}
                    </Title>
                  </Stack>
                  {week.next ? (
                    <Stack gap={2} align="flex-end">
                      <Text size="sm" c="dimmed">
                        {week.next.label} in
                      </Text>
                      <Text fw={700} size="lg">
                        <Countdown iso={week.next.at} nowIso={now} />
                      </Text>
                    </Stack>
                  ) : null}
                </Group>
                {cta ? (
                  <Stack gap="xs">
                    <Text>{cta.hint}</Text>
                    <Group>
                      <Button component={Link} to={cta.to} rightSection={<IconArrowRight size={16} aria-hidden />}>
                        {cta.label}
                      </Button>
                      <Button
                        component={Link}
                        to={`/weeks/${week.slug}/ideas`}
                        variant="light"
                        leftSection={<IconBulb size={16} aria-hidden />}
                      >
                        Ideas board
                      </Button>
                    </Group>
                  </Stack>
                ) : null}
              </Stack>
            </Card>
            <Card withBorder padding="lg" component="section" aria-labelledby="rules-heading">
              <Title order={2} size="h4" id="rules-heading" mb="xs">
                Rules at a glance
              </Title>
              <Text data-testid="week-rules">{rules}</Text>
              <Text size="sm" c="dimmed" mt="xs">
                The week runs on {week.timeZone} time; dates are shown in yours.
              </Text>
            </Card>
            {descriptionHtml ? (
              <Card withBorder padding="lg" component="section" aria-labelledby="about-heading">
                <Title order={2} size="h4" id="about-heading" mb="xs">
                  About this week
                </Title>
                <Markdown html={descriptionHtml} />
              </Card>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg" component="section" aria-labelledby="timeline-heading">
              <Title order={2} size="h4" id="timeline-heading" mb="md">
                Timeline
              </Title>
              <WeekTimeline week={week} />
            </Card>
            <Card withBorder padding="lg" component="nav" aria-label={`${week.name} pages`}>
              <List spacing="xs">
                <List.Item>
                  <Anchor component={Link} to={`/weeks/${week.slug}/ideas`}>
                    Ideas pitched for {week.name}
                  </Anchor>
                </List.Item>
                {(
                  [
                    ["teams", "Teams"],
                    ["demos", "Demos"],
                    ["schedule", "Demo-day schedule"],
                    ["results", "Results"],
                  ] as const
                ).map(([path, label]) => (
                  <List.Item key={path}>
                    <Anchor component={Link} to={`/weeks/${week.slug}/${path}`}>
                      {label}
                    </Anchor>
                  </List.Item>
                ))}
                <List.Item>
                  <Anchor component={Link} to="/weeks">
                    All exploration weeks
                  </Anchor>
                </List.Item>
              </List>
              {week.phase === "draft" ? (
                <Badge variant="light" color="gray" mt="sm">
                  Not open yet
                </Badge>
              ) : null}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
