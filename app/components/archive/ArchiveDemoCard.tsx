import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconClock, IconHeart, IconTrophy } from "@tabler/icons-react";
import { Link } from "react-router";
import type { MatchSource } from "~/archive/highlight";
import { formatNumber } from "~/archive/stats";
import { archiveGalleryHref, type OutcomeStatus } from "~/archive/vocabulary";
import { DemoThumbnail } from "~/components/DemoThumbnail";
import classes from "./archive.module.css";
import { Highlighted } from "./Highlighted";
import { OutcomeBadge } from "./OutcomeBadge";

export type ArchiveDemoCardData = {
  id: number;
  title: string;
  summary: string;
  tags: string[];
  teamId: number;
  teamName: string;
  image: { id: number; width: number | null; height: number | null; alt: string } | null;
  departments: Array<{ id: number; name: string; slug: string }>;
  outcomeStatus: OutcomeStatus | null;
  awards: string[];
  votes: number;
  hoursSaved: number | null;
  week?: { name: string; slug: string };
  matchedIn?: MatchSource[];
  headline?: string | null;
};

/**
 * A demo in the archive: screenshot, title, team, week, departments, outcome, awards and impact. Chips link
 * to the gallery filtered by them (plain links: they work without JavaScript).
 */
export function ArchiveDemoCard({ demo, headingLevel = 3 }: { demo: ArchiveDemoCardData; headingLevel?: 2 | 3 }) {
  const titleId = `archive-demo-${demo.id}-title`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Card.Section>
        <DemoThumbnail image={demo.image} title={demo.title} height={160} />
      </Card.Section>
      <Stack gap={6} mt="sm" h="100%">
        <Title order={headingLevel} fz="md" id={titleId}>
          <Anchor component={Link} to={`/demos/${demo.id}`} inherit prefetch="intent">
            {demo.title}
          </Anchor>
        </Title>
        <Text size="xs" c="dimmed">
          <Anchor component={Link} to={`/teams/${demo.teamId}`} inherit c="dimmed" underline="always">
            {demo.teamName}
          </Anchor>
          {demo.week ? (
            <>
              {" · "}
              <Anchor component={Link} to={`/archive/${demo.week.slug}`} inherit c="dimmed" underline="always">
                {demo.week.name}
              </Anchor>
            </>
          ) : null}
        </Text>
        <Group gap={4}>
          <OutcomeBadge status={demo.outcomeStatus} size="sm" />
          {demo.awards.map((a) => (
            <Badge
              key={a}
              className={classes.contrast}
              size="sm"
              color="yellow"
              variant="light"
              leftSection={<IconTrophy size={12} aria-hidden />}
            >
              <span className="visually-hidden">Award: </span>
              {a}
            </Badge>
          ))}
        </Group>
        <Text size="sm" lineClamp={3}>
          {demo.summary}
        </Text>
        <Highlighted headline={demo.headline ?? null} matchedIn={demo.matchedIn ?? []} />
        {demo.departments.length ? (
          <Group gap={4} aria-label="Departments">
            {demo.departments.map((d) => (
              <Badge
                key={d.id}
                className={classes.contrast}
                size="xs"
                variant="light"
                color="indigo"
                component={Link}
                to={archiveGalleryHref({ department: d.slug })}
                style={{ cursor: "pointer" }}
              >
                {d.name}
              </Badge>
            ))}
          </Group>
        ) : null}
        {demo.tags.length ? (
          <Group gap={4} aria-label="Tags">
            {demo.tags.slice(0, 6).map((t) => (
              <Badge
                key={t}
                className={classes.contrast}
                size="xs"
                variant="outline"
                component={Link}
                to={archiveGalleryHref({ tag: t })}
                style={{ cursor: "pointer" }}
              >
                {t}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Group gap="md" mt="auto">
          <Text size="xs" c="dimmed" aria-label={`${demo.votes} people's-choice votes`}>
            <IconHeart size={12} aria-hidden /> {demo.votes}
          </Text>
          {demo.hoursSaved !== null ? (
            <Text size="xs" c="dimmed">
              <IconClock size={12} aria-hidden /> {formatNumber(demo.hoursSaved)} hours saved a year
            </Text>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
