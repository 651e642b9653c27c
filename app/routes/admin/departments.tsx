import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Form, useNavigation } from "react-router";
import { z } from "zod";
import { saveDepartment } from "~/admin/admin.server";
import { requireAdmin } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { TableScroll } from "~/components/TableScroll";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { listDepartments } from "~/people/people.server";
import type { Route } from "./+types/departments";

export async function loader(args: Route.LoaderArgs) {
  requireAdmin(args);
  return { departments: await listDepartments(args.context.get(dbContext)) };
}

const DepartmentSchema = z.object({
  id: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .pipe(z.number().int().positive().max(2_147_483_647).optional()),
  name: z.string({ error: "Enter a name." }).trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters."),
  description: z
    .string()
    .trim()
    .max(300, "Use at most 300 characters.")
    .optional()
    .transform((v) => v ?? ""),
});

export async function action(args: Route.ActionArgs) {
  const admin = requireAdmin(args);
  const formData = await readFormData(args.request, 20_000);
  const parsed = parseForm(formData, DepartmentSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await saveDepartment(
    args.context.get(dbContext),
    { id: admin.id, requestId: args.context.get(requestInfoContext).requestId },
    parsed.data,
  );
  if (!outcome.ok)
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  return { ok: true as const, errors: {}, formError: undefined, values: {} };
}

export function meta() {
  return [{ title: "Departments · Admin · Expedition" }];
}

export default function Departments({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const editingId = failed?.values.id;
  return (
    <Stack gap="lg">
      <Title order={1}>Departments</Title>
      <Card withBorder>
        <Form method="post" key={actionData?.ok ? "reset" : "form"}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Add a department
            </Title>
            <FormAlert message={!editingId ? failed?.formError : undefined} />
            <Group align="flex-start" wrap="wrap">
              <TextInput
                name="name"
                label="Name"
                required
                maxLength={80}
                defaultValue={!editingId ? failed?.values.name : ""}
                error={!editingId ? failed?.errors.name?.[0] : undefined}
              />
              <TextInput
                name="description"
                label="Description"
                maxLength={300}
                style={{ flex: 1 }}
                defaultValue={!editingId ? failed?.values.description : ""}
                error={!editingId ? failed?.errors.description?.[0] : undefined}
              />
            </Group>
            <Button type="submit" w="fit-content" loading={navigation.state === "submitting"}>
              Add department
            </Button>
          </Stack>
        </Form>
      </Card>
      <TableScroll minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Department</Table.Th>
              <Table.Th>People</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaderData.departments.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Form method="post">
                    <input type="hidden" name="id" value={d.id} />
                    <Group align="flex-start" wrap="wrap" gap="xs">
                      <TextInput
                        name="name"
                        aria-label={`Name of ${d.name}`}
                        defaultValue={editingId === String(d.id) ? failed?.values.name : d.name}
                        error={editingId === String(d.id) ? (failed?.errors.name?.[0] ?? failed?.formError) : undefined}
                        maxLength={80}
                        required
                      />
                      <TextInput
                        name="description"
                        aria-label={`Description of ${d.name}`}
                        defaultValue={editingId === String(d.id) ? failed?.values.description : d.description}
                        maxLength={300}
                        style={{ flex: 1, minWidth: "12rem" }}
                      />
                      <Button type="submit" variant="default">
                        Save
                      </Button>
                    </Group>
                  </Form>
                </Table.Td>
                <Table.Td>
                  <Text>{d.people}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
