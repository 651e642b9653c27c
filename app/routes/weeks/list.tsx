import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { LocalTime } from "~/components/LocalTime";
import { dbContext } from "~/context";
import { presentWeek } from "~/weeks/present";
import { listWeeks } from "~/weeks/weeks.server";
import type { Route } from "./+types/list";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const now = new Date();
  const all = await listWeeks(args.context.get(dbContext));
  return {
    weeks: all.map((w) => ({
      ...presentWeek(w, now),
      pitchingOpensAt: w.pitchingOpensAt.toISOString(),
      votingClosesAt: w.votingClosesAt.toISOString(),
    })),
  };
}

export function meta() {
  return [{ title: "Weeks · Expedition" }];
}

export default function Weeks({ loaderData }: Route.ComponentProps) {
  const upcoming = loaderData.weeks.filter((w) => w.phase !== "archived");
  const past = loaderData.weeks.filter((w) => w.phase === "archived");
  const section = (title: string, list: typeof loaderData.weeks, empty: string) => (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {title}
      </Title>
      {list.length === 0 ? <Text c="dimmed">{empty}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {list.map((w) => (
          <Card key={w.id} withBorder padding="md">
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Anchor component={Link} to={`/weeks/${w.slug}`} fw={700}>
                  {w.name}
                </Anchor>
                <Badge variant="light">{w.phaseLabel}</Badge>
              </Group>
              {w.theme ? <Text size="sm">{w.theme}</Text> : null}
              <Text size="xs" c="dimmed">
                Pitching from <LocalTime iso={w.pitchingOpensAt} fallbackTimeZone={w.timeZone} />
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
  return (
    <Stack gap="xl">
      <Title order={1}>Exploration weeks</Title>
      {section("Current and upcoming", upcoming, "No week is planned yet.")}
      {section("Past weeks", past, "No week has been archived yet.")}
    </Stack>
  );
}
