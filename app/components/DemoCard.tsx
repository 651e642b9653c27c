import { Anchor, Badge, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { DemoThumbnail } from "~/components/DemoThumbnail";

export type DemoCardData = {
  id: number;
  title: string;
  summary: string;
  tags: string[];
  teamId: number;
  teamName: string;
  image: { id: number; width: number | null; height: number | null; alt: string } | null;
  departments: Array<{ id: number; name: string }>;
};

/**
 * A demo in a gallery: the first screenshot, title, team, departments and tags. There is no server-side
 * resizer yet, so the original image is shown with its width/height (no layout shift) and loaded lazily.
 */
export function DemoCard({ demo, weekSlug }: { demo: DemoCardData; weekSlug: string }) {
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`demo-${demo.id}-title`}>
      <Card.Section>
        <DemoThumbnail image={demo.image} title={demo.title} height={180} />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Anchor component={Link} to={`/demos/${demo.id}`} fw={700} id={`demo-${demo.id}-title`} prefetch="intent">
          {demo.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          {demo.teamName}
        </Text>
        <Text size="sm" lineClamp={3}>
          {demo.summary}
        </Text>
        {demo.departments.length ? (
          <Group gap={4} aria-label="Departments">
            {demo.departments.map((d) => (
              <Badge key={d.id} size="xs" variant="light" color="indigo">
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
                size="xs"
                variant="outline"
                component={Link}
                to={`/weeks/${weekSlug}/demos?tag=${encodeURIComponent(t)}`}
                style={{ cursor: "pointer" }}
              >
                {t}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
