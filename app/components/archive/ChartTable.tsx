import { Table } from "@mantine/core";
import { type ChartSpec, formatChartValue } from "~/archive/charts";
import { TableScroll } from "~/components/TableScroll";

/** A chart's numbers as a table: what the server renders, and the accessible alternative to the drawing. */
export function ChartTable({ spec, caption = true }: { spec: ChartSpec; caption?: boolean }) {
  return (
    <TableScroll minWidth={320}>
      <Table striped withTableBorder fz="sm" aria-labelledby={caption ? undefined : `${spec.id}-title`}>
        {caption ? <Table.Caption>{spec.title}</Table.Caption> : null}
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{spec.categoryLabel}</Table.Th>
            {spec.series.map((s) => (
              <Table.Th key={s.name} scope="col" style={{ textAlign: "right" }}>
                {s.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {spec.rows.map((row) => (
            <Table.Tr key={String(row[spec.categoryKey])}>
              <Table.Th scope="row" fw={500}>
                {String(row[spec.categoryKey])}
              </Table.Th>
              {spec.series.map((s) => (
                <Table.Td key={s.name} style={{ textAlign: "right" }}>
                  {formatChartValue(row[s.name], spec.format)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
