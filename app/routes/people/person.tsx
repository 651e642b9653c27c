import { Alert, Anchor, Avatar, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconUserEdit } from "@tabler/icons-react";
import { data, Link } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { getPerson, getPortfolio } from "~/people/people.server";
import type { Route } from "./+types/person";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requireUser(args);
  const id = /^\d{1,9}$/.test(args.params.userId) ? Number(args.params.userId) : null;
  if (!id) throw data({ message: "There is no person with that address." }, { status: 404 });
  const db = args.context.get(dbContext);
  const isSelf = viewer.id === id;
  const isOrganiser = hasRole(viewer, "organiser");
  const [person, portfolio] = await Promise.all([
    getPerson(db, id),
    getPortfolio(db, id, { includeWithdrawn: isSelf || isOrganiser }),
  ]);
  if (!person) throw data({ message: "There is no person with that address." }, { status: 404 });
  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      bio: person.bio,
      department: person.department,
      skills: person.skills,
      stretchGoals: person.stretchGoals,
      mentorOffer: person.mentorOffer,
      mentorAvailability: person.mentorAvailability,
      roles: person.roles,
      deactivated: Boolean(person.deactivatedAt),
      email: isSelf || viewer.roles.includes("admin") || viewer.roles.includes("organiser") ? person.email : null,
    },
    portfolio: portfolio.map((p) => ({
      week: { name: p.week.name, slug: p.week.slug },
      ideas: p.ideas,
      team: p.team,
      mentoring: p.mentoring,
    })),
    isSelf,
    saved: isSelf && new URL(args.request.url).searchParams.get("saved") === "1",
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.person.name} · Expedition` : "Person · Expedition" }];
}

type WeekEntry = Route.ComponentProps["loaderData"]["portfolio"][number];

function PortfolioWeek({ entry }: { entry: WeekEntry }) {
  const headingId = `week-${entry.week.slug}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          <Anchor component={Link} to={`/weeks/${entry.week.slug}`} inherit>
            {entry.week.name}
          </Anchor>
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Ideas pitched
            </Text>
            {entry.ideas.length ? (
              <List size="sm" spacing={4}>
                {entry.ideas.map((idea) => (
                  <List.Item key={idea.id}>
                    <Anchor component={Link} to={`/ideas/${idea.id}`} size="sm">
                      {idea.title}
                    </Anchor>
                    {idea.status === "withdrawn" ? (
                      <Badge size="xs" color="gray" variant="light" ml={6}>
                        Withdrawn
                      </Badge>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                No ideas pitched.
              </Text>
            )}
          </Stack>
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Team
            </Text>
            {entry.team ? (
              <Stack gap={2}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={`/teams/${entry.team.id}`} size="sm" fw={600}>
                    {entry.team.name}
                  </Anchor>
                  <Badge size="xs" variant={entry.team.role === "lead" ? "filled" : "light"}>
                    {entry.team.role === "lead" ? "Lead" : "Member"}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  Working on{" "}
                  <Anchor component={Link} to={`/ideas/${entry.team.ideaId}`} inherit>
                    {entry.team.ideaTitle}
                  </Anchor>
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Not in a team.
              </Text>
            )}
          </Stack>
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Mentoring given
            </Text>
            {entry.mentoring.length ? (
              <List size="sm" spacing={4}>
                {entry.mentoring.map((team) => (
                  <List.Item key={team.id}>
                    <Anchor component={Link} to={`/teams/${team.id}`} size="sm">
                      {team.name}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {" "}
                      · {team.ideaTitle}
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                No mentoring.
              </Text>
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { person, portfolio, isSelf, saved } = loaderData;
  const firstName = person.name.split(/\s+/)[0] || person.name;
  return (
    <Stack gap="lg">
      {saved ? (
        <Alert color="teal" role="status" icon={<IconCircleCheck size={18} />} title="Profile saved">
          Your changes are saved and visible to everyone.
        </Alert>
      ) : null}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Avatar size={64} radius="xl" color="teal" aria-hidden>
            {person.name
              .split(/\s+/)
              .slice(0, 2)
              .map((p) => p[0])
              .join("")}
          </Avatar>
          <Stack gap={2}>
            <Title order={1}>{person.name}</Title>
            <Text c="dimmed">
              {person.title ? `${person.title} · ` : ""}
              {person.department}
            </Text>
            {person.email ? <Text size="sm">{person.email}</Text> : null}
            {person.deactivated || person.roles.length ? (
              <Group gap={6} mt={4}>
                {person.deactivated ? <Badge color="gray">Deactivated</Badge> : null}
                {person.roles.map((r) => (
                  <Badge key={r} variant="outline">
                    {r}
                  </Badge>
                ))}
              </Group>
            ) : null}
          </Stack>
        </Group>
        {isSelf ? (
          <Button component={Link} to="/settings/profile" variant="default" leftSection={<IconUserEdit size={16} />}>
            Edit profile
          </Button>
        ) : null}
      </Group>
      {person.bio ? <Text style={{ whiteSpace: "pre-wrap" }}>{person.bio}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: person.mentorOffer ? 2 : 1 }}>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Skills
            </Title>
            <Group gap={6}>
              {person.skills.length ? (
                person.skills.map((s) => (
                  <Badge key={s} component={Link} to={`/people?skill=${encodeURIComponent(s)}`} style={{ cursor: "pointer" }}>
                    {s}
                  </Badge>
                ))
              ) : (
                <Text c="dimmed">No skills listed yet.</Text>
              )}
            </Group>
            <Title order={2} size="h4">
              Stretch goals
            </Title>
            <Group gap={6}>
              {person.stretchGoals.length ? (
                person.stretchGoals.map((s) => (
                  <Badge
                    key={s}
                    variant="outline"
                    component={Link}
                    to={`/people?stretch=${encodeURIComponent(s)}`}
                    style={{ cursor: "pointer" }}
                  >
                    {s}
                  </Badge>
                ))
              ) : (
                <Text c="dimmed">No stretch goals yet.</Text>
              )}
            </Group>
          </Stack>
        </Card>
        {person.mentorOffer ? (
          <Card withBorder>
            <Stack gap="sm">
              <Title order={2} size="h4">
                Mentoring
              </Title>
              <Text style={{ whiteSpace: "pre-wrap" }}>
                <Text span fw={600}>
                  Can mentor on:
                </Text>{" "}
                {person.mentorOffer}
              </Text>
              {person.mentorAvailability ? (
                <Text size="sm" c="dimmed">
                  Availability: {person.mentorAvailability}
                </Text>
              ) : null}
            </Stack>
          </Card>
        ) : null}
      </SimpleGrid>
      <Stack gap="sm" component="section" aria-labelledby="portfolio-heading">
        <Title order={2} id="portfolio-heading">
          Exploration portfolio
        </Title>
        {portfolio.length ? (
          portfolio.map((entry) => <PortfolioWeek key={entry.week.slug} entry={entry} />)
        ) : (
          <Text c="dimmed">
            {isSelf
              ? "Nothing here yet. Pitch an idea or join a team during an exploration week, and it will show up here."
              : `${firstName} has not pitched, joined or mentored anything yet.`}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
