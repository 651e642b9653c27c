import { Stack, Text, Title } from "@mantine/core";
import { lazy, Suspense, useEffect, useState } from "react";
import type { ChartSpec } from "~/archive/charts";
import { ChartTable } from "./ChartTable";

// The chart code (Mantine charts + recharts) is a separate chunk fetched only here, after hydration.
const StatsChart = lazy(() => import("./StatsCharts"));

/**
 * A chart with its title and description. The server (and a browser without JavaScript) renders the
 * numbers as a table; once the page is interactive the chart is loaded and drawn, the table one click away.
 */
export function LazyChart({ spec, headingLevel = 3 }: { spec: ChartSpec; headingLevel?: 2 | 3 | 4 }) {
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const table = <ChartTable spec={spec} caption={false} />;
  return (
    <Stack component="figure" gap="xs" m={0} aria-labelledby={`${spec.id}-title`} aria-describedby={`${spec.id}-description`}>
      <Title order={headingLevel} size="h4" id={`${spec.id}-title`}>
        {spec.title}
      </Title>
      <Text size="sm" c="dimmed" id={`${spec.id}-description`}>
        {spec.description}
      </Text>
      {interactive ? (
        <Suspense fallback={table}>
          <StatsChart spec={spec} />
        </Suspense>
      ) : (
        table
      )}
    </Stack>
  );
}
