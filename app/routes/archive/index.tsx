import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { pastWeeks } from "~/archive/archive.server";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import type { Route } from "./+types/index";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const now = new Date();
  const rows = await pastWeeks(args.context.get(dbContext), now);
  return {
    weeks: rows.map(({ week, ...stats }) => ({
      id: week.id,
      name: week.name,
      slug: week.slug,
      theme: week.theme,
      phaseLabel: PHASE_LABELS[phaseAt(week, now)],
      ...stats,
    })),
  };
}

export function meta() {
  return [{ title: "Archive · Expedition" }];
}

export default function Archive({ loaderData }: Route.ComponentProps) {
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Archive</Title>
        <Text c="dimmed">Every past exploration week: what was pitched, by whom, and what carried on.</Text>
      </Stack>
      {loaderData.weeks.length === 0 ? <Text>No week has finished yet.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {loaderData.weeks.map((w) => (
          <Card key={w.id} withBorder padding="lg" component="article" aria-labelledby={`week-${w.id}`}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/weeks/${w.slug}`} fw={700} size="lg" id={`week-${w.id}`}>
                  {w.name}
                </Anchor>
                <Badge variant="light">{w.phaseLabel}</Badge>
              </Group>
              {w.theme ? <Text size="sm">{w.theme}</Text> : null}
              <Group gap="lg">
                <Stat label="ideas" value={w.ideas} />
                <Stat label="people pitched" value={w.pitchers} />
                <Stat label="departments" value={w.departments} />
                <Stat label="carried over" value={w.carriedOver} />
              </Group>
              <Anchor component={Link} to={`/weeks/${w.slug}/ideas`} size="sm">
                Browse its ideas →
              </Anchor>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text fw={700} size="lg">
        {value.toLocaleString("en")}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
