import { Code, Stack, Table, Text, Title } from "@mantine/core";
import { data, Link } from "react-router";
import { listAudit } from "~/admin/admin.server";
import { requireOrganiser } from "~/auth/guards.server";
import { LocalTime } from "~/components/LocalTime";
import { Pager } from "~/components/Pager";
import { TableScroll } from "~/components/TableScroll";
import { dbContext } from "~/context";
import { PAGE_SIZE, pageCount, parsePage } from "~/lib/pagination";
import type { Route } from "./+types/audit";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const page = parsePage(new URL(args.request.url).searchParams.get("page"));
  if (page === null) throw data({ message: "The page number must be a positive whole number." }, { status: 400 });
  const { rows, total } = await listAudit(args.context.get(dbContext), page);
  return {
    page,
    total,
    pages: pageCount(total, PAGE_SIZE * 2),
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), summary: JSON.stringify(r.summary) })),
  };
}

export function meta() {
  return [{ title: "Audit log · Admin · Expedition" }];
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  return (
    <Stack gap="lg">
      <Title order={1}>Audit log</Title>
      {loaderData.rows.length === 0 ? <Text c="dimmed">Nothing has been recorded yet.</Text> : null}
      <TableScroll minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loaderData.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <LocalTime iso={row.createdAt} />
                </Table.Td>
                <Table.Td>{row.actorId ? <Link to={`/people/${row.actorId}`}>{row.actorName}</Link> : "system"}</Table.Td>
                <Table.Td>{row.action}</Table.Td>
                <Table.Td>
                  {row.targetType} {row.targetId}
                </Table.Td>
                <Table.Td>
                  <Code style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{row.summary}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Pager page={loaderData.page} pages={loaderData.pages} total={loaderData.total} noun="entry" />
    </Stack>
  );
}
