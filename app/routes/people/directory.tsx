import { Anchor, Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { data, Form, Link } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { dbContext } from "~/context";
import { pageCount, parsePage } from "~/lib/pagination";
import { listDepartments, searchPeople } from "~/people/people.server";
import type { Route } from "./+types/directory";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const url = new URL(args.request.url);
  const page = parsePage(url.searchParams.get("page"));
  if (page === null) throw data({ message: "The page number must be a positive whole number." }, { status: 400 });
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const dept = url.searchParams.get("department") ?? "";
  const departmentId = /^\d{1,9}$/.test(dept) ? Number(dept) : undefined;
  const db = args.context.get(dbContext);
  const [result, departments] = await Promise.all([searchPeople(db, { q, departmentId, page }), listDepartments(db)]);
  return {
    ...result,
    page,
    pages: pageCount(result.total),
    q,
    department: departmentId ? String(departmentId) : "",
    departments,
  };
}

export function meta() {
  return [{ title: "People · Expedition" }];
}

export default function People({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, q, department, departments } = loaderData;
  return (
    <Stack gap="lg">
      <Title order={1}>People</Title>
      <Form method="get" role="search" aria-label="Search people">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            name="q"
            label="Name, title, skill or stretch goal"
            defaultValue={q}
            leftSection={<IconSearch size={16} />}
            maxLength={100}
            style={{ flex: "1 1 16rem" }}
          />
          <NativeSelect
            name="department"
            label="Department"
            defaultValue={department}
            data={[{ value: "", label: "All departments" }, ...departments.map((d) => ({ value: String(d.id), label: d.name }))]}
          />
          <Button type="submit">Search</Button>
        </Group>
      </Form>
      {rows.length === 0 ? <Text c="dimmed">Nobody matches that search.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {rows.map((person) => (
          <Card key={person.id} withBorder padding="md">
            <Stack gap={6}>
              <Anchor component={Link} to={`/people/${person.id}`} fw={700}>
                {person.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {person.title ? `${person.title} · ` : ""}
                {person.department}
              </Text>
              {person.skills.length ? (
                <Group gap={4} aria-label="Skills">
                  {person.skills.map((s) => (
                    <Badge key={s} variant="light" size="sm">
                      {s}
                    </Badge>
                  ))}
                </Group>
              ) : null}
              {person.stretchGoals.length ? (
                <Text size="xs" c="dimmed">
                  Wants to learn: {person.stretchGoals.join(", ")}
                </Text>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <Pager page={page} pages={pages} total={total} noun="person" />
    </Stack>
  );
}
