import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { TableScroll } from "~/components/TableScroll";
import type { RankedRow } from "~/voting/results.server";

export const formatScore = (n: number | null) => (n === null ? "—" : n.toFixed(3));

/** A ranking as the results page and the organisers' preview show it (the same columns as results.csv). */
export function RankingTable({ rows, label, votes }: { rows: RankedRow[]; label: string; votes?: boolean }) {
  if (rows.length === 0) return <Text c="dimmed">No demos.</Text>;
  return (
    <TableScroll minWidth={600}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rank</Table.Th>
            <Table.Th>Demo</Table.Th>
            <Table.Th>Team</Table.Th>
            {votes ? (
              <Table.Th>Votes</Table.Th>
            ) : (
              <>
                <Table.Th>Score</Table.Th>
                <Table.Th>Raw mean</Table.Th>
                <Table.Th>Judges</Table.Th>
              </>
            )}
            <Table.Th>Tie-break</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.demoId}>
              <Table.Td>{r.rank}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/demos/${r.demoId}`}>
                  {r.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.team}</Table.Td>
              {votes ? (
                <Table.Td>{r.votes ?? 0}</Table.Td>
              ) : (
                <>
                  <Table.Td>{formatScore(r.score)}</Table.Td>
                  <Table.Td>{formatScore(r.rawMean)}</Table.Td>
                  <Table.Td>{r.judges ?? 0}</Table.Td>
                </>
              )}
              <Table.Td>{r.tieBreak ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
