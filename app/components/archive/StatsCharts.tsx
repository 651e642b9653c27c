import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Box, Text } from "@mantine/core";
import { type ChartSpec, formatChartValue } from "~/archive/charts";
import { ChartTable } from "./ChartTable";

/**
 * Draws a ChartSpec with Mantine charts (recharts). Only ever loaded through React.lazy (see LazyChart), so
 * recharts stays in its own chunk that only the archive's statistics pages fetch.
 */
export default function StatsChart({ spec }: { spec: ChartSpec }) {
  const common = {
    h: spec.height ?? 260,
    data: spec.rows,
    dataKey: spec.categoryKey,
    series: spec.series,
    valueFormatter: (value: number) => formatChartValue(value, spec.format),
    withLegend: spec.series.length > 1,
    "aria-label": `${spec.title}. ${spec.description} The numbers are in the table below the chart.`,
    role: "img" as const,
  };
  return (
    <>
      {spec.kind === "line" ? (
        <LineChart {...common} curveType="linear" accessibilityLayer={false} />
      ) : (
        <BarChart
          {...common}
          type={spec.kind === "stacked" ? "stacked" : "default"}
          accessibilityLayer={false}
          yAxisProps={spec.format === "percent" ? { domain: [0, 100] } : undefined}
        />
      )}
      <Box component="details" mt="xs">
        <Text component="summary" size="sm" style={{ cursor: "pointer" }}>
          Show the numbers as a table
        </Text>
        <ChartTable spec={spec} caption={false} />
      </Box>
    </>
  );
}
