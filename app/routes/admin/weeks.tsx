import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { IconCircleCheck, IconPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { TableScroll } from "~/components/TableScroll";
import { dbContext } from "~/context";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { listWeeks } from "~/weeks/weeks.server";
import type { Route } from "./+types/weeks";

/** Dates in the week's own zone, formatted on the server so the page hydrates without a mismatch. */
function inZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(instant);
}

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const now = new Date();
  const all = await listWeeks(args.context.get(dbContext));
  const savedSlug = new URL(args.request.url).searchParams.get("saved");
  const saved = all.find((w) => w.slug === savedSlug);
  return {
    saved: saved ? { name: saved.name, slug: saved.slug } : null,
    weeks: all.map((w) => {
      const phase = phaseAt(w, now);
      return {
        id: w.id,
        name: w.name,
        slug: w.slug,
        timeZone: w.timeZone,
        phase,
        phaseLabel: PHASE_LABELS[phase],
        pitchingOpens: inZone(w.pitchingOpensAt, w.timeZone),
        exploringStarts: inZone(w.exploringStartsAt, w.timeZone),
        exploringEnds: inZone(w.exploringEndsAt, w.timeZone),
        votingCloses: inZone(w.votingClosesAt, w.timeZone),
      };
    }),
  };
}

export function meta() {
  return [{ title: "Weeks · Admin · Expedition" }];
}

const PHASE_COLOURS: Record<string, string> = { draft: "gray", archived: "gray", results: "teal" };

export default function AdminWeeks({ loaderData }: Route.ComponentProps) {
  const { weeks, saved } = loaderData;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1}>Weeks</Title>
        <Button component={Link} to="/admin/weeks/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New week
        </Button>
      </Group>
      {saved ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
          Saved {saved.name}.{" "}
          <Anchor component={Link} to={`/weeks/${saved.slug}`}>
            Open its page
          </Anchor>
        </Alert>
      ) : null}
      {weeks.length === 0 ? (
        <Text c="dimmed">No week yet. Create the first one to open pitching.</Text>
      ) : (
        <TableScroll minWidth={900}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Week</Table.Th>
                <Table.Th scope="col">Slug</Table.Th>
                <Table.Th scope="col">Phase now</Table.Th>
                <Table.Th scope="col">Pitching opens</Table.Th>
                <Table.Th scope="col">Exploring</Table.Th>
                <Table.Th scope="col">Voting closes</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => (
                <Table.Tr key={w.id} data-testid={`week-row-${w.slug}`}>
                  <Table.Th scope="row" fw={600} style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/weeks/${w.slug}`}>
                      {w.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text ff="monospace" size="sm">
                      {w.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge variant="light" color={PHASE_COLOURS[w.phase] ?? "blue"}>
                      {w.phaseLabel}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{w.pitchingOpens}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{w.exploringStarts} –</Text>
                    <Text size="sm">{w.exploringEnds}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{w.votingCloses}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Anchor component={Link} to={`/admin/weeks/${w.id}`} aria-label={`Edit ${w.name}`}>
                        Edit
                      </Anchor>
                      <Anchor component={Link} to={`/admin/weeks/${w.id}/schedule`} aria-label={`Demo-day schedule of ${w.name}`}>
                        Schedule
                      </Anchor>
                      <Anchor component={Link} to={`/admin/weeks/${w.id}/voting`} aria-label={`Judges and criteria of ${w.name}`}>
                        Voting
                      </Anchor>
                      <Anchor component={Link} to={`/admin/weeks/${w.id}/dashboard`} aria-label={`Live dashboard of ${w.name}`}>
                        Live
                      </Anchor>
                      <Anchor component={Link} to={`/admin/weeks/${w.id}/results`} aria-label={`Results of ${w.name}`}>
                        Results
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
