import { Avatar, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { data } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { getPerson } from "~/people/people.server";
import type { Route } from "./+types/person";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requireUser(args);
  const id = /^\d{1,9}$/.test(args.params.userId) ? Number(args.params.userId) : null;
  const person = id ? await getPerson(args.context.get(dbContext), id) : null;
  if (!person) throw data({ message: "There is no person with that address." }, { status: 404 });
  const isSelf = viewer.id === person.id;
  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      bio: person.bio,
      department: person.department,
      skills: person.skills,
      stretchGoals: person.stretchGoals,
      roles: person.roles,
      deactivated: Boolean(person.deactivatedAt),
      email: isSelf || viewer.roles.includes("admin") || viewer.roles.includes("organiser") ? person.email : null,
    },
    isSelf,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.person.name} · Expedition` : "Person · Expedition" }];
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { person } = loaderData;
  return (
    <Stack gap="lg">
      <Group gap="md" wrap="nowrap">
        <Avatar size={64} radius="xl" color="teal">
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
        </Stack>
        {person.deactivated ? <Badge color="gray">Deactivated</Badge> : null}
        {person.roles.map((r) => (
          <Badge key={r} variant="outline">
            {r}
          </Badge>
        ))}
      </Group>
      {person.bio ? <Text style={{ whiteSpace: "pre-wrap" }}>{person.bio}</Text> : null}
      <Card withBorder>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Skills
          </Title>
          <Group gap={6}>
            {person.skills.length ? (
              person.skills.map((s) => <Badge key={s}>{s}</Badge>)
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
                <Badge key={s} variant="outline">
                  {s}
                </Badge>
              ))
            ) : (
              <Text c="dimmed">No stretch goals yet.</Text>
            )}
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
