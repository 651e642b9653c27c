import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { data, Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { rolesOf, setDeactivated, setRole } from "~/admin/admin.server";
import { requireAdmin } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Pager } from "~/components/Pager";
import { TableScroll } from "~/components/TableScroll";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { pageCount, parsePage } from "~/lib/pagination";
import { searchPeople } from "~/people/people.server";
import type { Route } from "./+types/people";

export async function loader(args: Route.LoaderArgs) {
  requireAdmin(args);
  const url = new URL(args.request.url);
  const page = parsePage(url.searchParams.get("page"));
  if (page === null) throw data({ message: "The page number must be a positive whole number." }, { status: 400 });
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const db = args.context.get(dbContext);
  const result = await searchPeople(db, { q, page, includeDeactivated: true });
  const roles = await rolesOf(
    db,
    result.rows.map((r) => r.id),
  );
  return {
    q,
    page,
    pages: pageCount(result.total),
    total: result.total,
    rows: result.rows.map((r) => ({
      id: r.id,
      name: r.name,
      department: r.department,
      deactivated: r.deactivated,
      roles: roles.get(r.id) ?? [],
    })),
  };
}

const AdminPeopleSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("role"),
    userId: z.coerce.number().int().positive().max(2_147_483_647),
    role: z.enum(["organiser", "admin"], { error: "Unknown role." }),
    grant: z.enum(["true", "false"]).transform((v) => v === "true"),
  }),
  z.object({
    intent: z.literal("deactivate"),
    userId: z.coerce.number().int().positive().max(2_147_483_647),
    deactivated: z.enum(["true", "false"]).transform((v) => v === "true"),
  }),
]);

export async function action(args: Route.ActionArgs) {
  const admin = requireAdmin(args);
  const formData = await readFormData(args.request);
  const parsed = parseForm(formData, AdminPeopleSchema);
  if (!parsed.ok) return formFailure(formData, { formError: "That change was not understood. Reload the page and try again." });
  const actor = { id: admin.id, requestId: args.context.get(requestInfoContext).requestId };
  const db = args.context.get(dbContext);
  const outcome =
    parsed.data.intent === "role" ? await setRole(db, actor, parsed.data) : await setDeactivated(db, actor, parsed.data);
  if (!outcome.ok) return formFailure(formData, { formError: outcome.message }, outcome.status);
  return { ok: true as const, errors: {}, formError: undefined, values: {} };
}

export function meta() {
  return [{ title: "People and roles · Admin · Expedition" }];
}

function RoleButton({ userId, roleName, has }: { userId: number; roleName: "organiser" | "admin"; has: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="role" />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="role" value={roleName} />
      <input type="hidden" name="grant" value={String(!has)} />
      <Button type="submit" size="compact-sm" variant={has ? "light" : "default"} color={has ? "red" : undefined}>
        {has ? `Remove ${roleName}` : `Make ${roleName}`}
      </Button>
    </Form>
  );
}

export default function AdminPeople({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  return (
    <Stack gap="lg">
      <Title order={1}>People and roles</Title>
      <Text c="dimmed" size="sm">
        Everyone is a participant. Organisers run weeks; admins also manage roles and departments. Judges are chosen per week.
      </Text>
      <FormAlert message={actionData?.formError} />
      <Form method="get" role="search" aria-label="Search people">
        <Group align="flex-end">
          <TextInput
            name="q"
            label="Search by name or title"
            defaultValue={loaderData.q}
            leftSection={<IconSearch size={16} />}
            maxLength={100}
          />
          <Button type="submit" variant="default">
            Search
          </Button>
        </Group>
      </Form>
      <TableScroll minWidth={640}>
        <Table striped highlightOnHover aria-busy={navigation.state !== "idle"}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Department</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaderData.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Link to={`/people/${row.id}`}>{row.name}</Link>
                </Table.Td>
                <Table.Td>{row.department}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color="gray">
                      participant
                    </Badge>
                    {row.roles.map((r) => (
                      <Badge key={r}>{r}</Badge>
                    ))}
                    {row.deactivated ? (
                      <Badge color="gray" variant="outline">
                        deactivated
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <RoleButton userId={row.id} roleName="organiser" has={row.roles.includes("organiser")} />
                    <RoleButton userId={row.id} roleName="admin" has={row.roles.includes("admin")} />
                    <Form method="post">
                      <input type="hidden" name="intent" value="deactivate" />
                      <input type="hidden" name="userId" value={row.id} />
                      <input type="hidden" name="deactivated" value={String(!row.deactivated)} />
                      <Button type="submit" size="compact-sm" variant="subtle" color={row.deactivated ? "teal" : "red"}>
                        {row.deactivated ? "Reactivate" : "Deactivate"}
                      </Button>
                    </Form>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Pager page={loaderData.page} pages={loaderData.pages} total={loaderData.total} noun="person" />
    </Stack>
  );
}
