import { Button, Card, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import { and, eq } from "drizzle-orm";
import { Link } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Countdown } from "~/components/LocalTime";
import { WeekTimeline } from "~/components/WeekTimeline";
import { dbContext } from "~/context";
import { callToAction } from "~/weeks/cta";
import { presentWeek } from "~/weeks/present";
import { featuredWeek } from "~/weeks/weeks.server";
import { judges, teamMembers } from "~db/schema";
import type { Route } from "./+types/home";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const now = new Date();
  const db = args.context.get(dbContext);
  const week = await featuredWeek(db, now);
  const presented = week ? presentWeek(week, now) : null;
  const [membership, judge] = week
    ? await Promise.all([
        db
          .select({ teamId: teamMembers.teamId })
          .from(teamMembers)
          .where(and(eq(teamMembers.userId, user.id), eq(teamMembers.weekId, week.id))),
        db
          .select({ userId: judges.userId })
          .from(judges)
          .where(and(eq(judges.userId, user.id), eq(judges.weekId, week.id))),
      ])
    : [[], []];
  return {
    firstName: user.name.split(" ")[0] ?? user.name,
    now: now.toISOString(),
    week: presented,
    cta: presented
      ? callToAction(presented.phase, presented, { inTeam: membership.length > 0, isJudge: judge.length > 0 })
      : null,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.week ? `${data.week.name} · Expedition` : "Expedition" }];
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { week, cta, now, firstName } = loaderData;
  if (!week) {
    return (
      <Stack>
        <Title order={1}>Welcome, {firstName}</Title>
        <Text>No exploration week has been planned yet. Organisers can create one from the admin pages.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text c="dimmed" size="sm">
          Welcome, {firstName}
        </Text>
        <Title order={1}>{week.name}</Title>
        {week.theme ? <Text size="lg">{week.theme}</Text> : null}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" h="100%">
            <Stack gap="md">
              <Group justify="space-between" align="flex-start">
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
                    <Button component={Link} to={cta.to} rightSection={<IconArrowRight size={16} />} size="md">
                      {cta.label}
                    </Button>
                  </Group>
                </Stack>
              ) : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg">
            <Title order={2} size="h4" mb="md">
              Timeline
            </Title>
            <WeekTimeline week={week} />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
