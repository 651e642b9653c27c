import { Anchor, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { hasRole, requireOrganiser } from "~/auth/guards.server";
import type { Route } from "./+types/index";

export async function loader(args: Route.LoaderArgs) {
  const user = requireOrganiser(args);
  return { isAdmin: hasRole(user, "admin") };
}

export function meta() {
  return [{ title: "Admin · Expedition" }];
}

export default function AdminHome({ loaderData }: Route.ComponentProps) {
  const sections = [
    {
      to: "/admin/weeks",
      title: "Weeks",
      body: "Create exploration weeks and set their dates and rules.",
      show: true,
    },
    {
      to: "/admin/outcomes",
      title: "Outcome follow-ups",
      body: "Demos whose 30, 90 or 180-day outcome update is due or overdue.",
      show: true,
    },
    {
      to: "/admin/nominations",
      title: "Nominations",
      body: "Nominations for talks, all-hands demos, awards and leadership, to a decision.",
      show: true,
    },
    { to: "/admin/audit", title: "Audit log", body: "Who changed what, and when.", show: true },
    {
      to: "/admin/people",
      title: "People and roles",
      body: "Grant organiser and admin roles; deactivate accounts.",
      show: loaderData.isAdmin,
    },
    {
      to: "/admin/departments",
      title: "Departments",
      body: "Create and rename the organisation's departments.",
      show: loaderData.isAdmin,
    },
  ].filter((s) => s.show);
  return (
    <Stack gap="lg">
      <Title order={1}>Administration</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {sections.map((s) => (
          <Card key={s.to} withBorder padding="lg">
            <Anchor component={Link} to={s.to} fw={700} size="lg">
              {s.title}
            </Anchor>
            <Text size="sm" c="dimmed" mt={4}>
              {s.body}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
