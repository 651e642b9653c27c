import { Anchor, Box, List, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import {
  type ArchiveTotals,
  formatMoney,
  formatNumber,
  formatShare,
  type ImpactTotals,
  OUTCOME_ORDER,
  STAT_DEFINITIONS,
  type WeekStats,
} from "~/archive/stats";
import { OUTCOME_LABELS } from "~/archive/vocabulary";
import { TableScroll } from "~/components/TableScroll";

type Column = { key: string; label: string; href?: string; stats: Omit<ArchiveTotals, "weeks"> };

function moneyText(impact: ImpactTotals): string {
  return impact.money.length ? impact.money.map((m) => formatMoney(m.amount, m.currency)).join(" + ") : "–";
}

const ROWS: Array<{ label: string; value: (s: Column["stats"]) => string; group?: string }> = [
  { label: "Participants", value: (s) => formatNumber(s.participants) },
  { label: "Ideas", value: (s) => formatNumber(s.ideas) },
  { label: "Teams", value: (s) => formatNumber(s.teams) },
  { label: "Demos", value: (s) => formatNumber(s.demos) },
  { label: "Departments taking part", value: (s) => formatNumber(s.departments) },
  {
    label: "Cross-department teams",
    value: (s) => `${formatShare(s.crossDepartmentShare)} (${s.crossDepartmentTeams} of ${s.teams})`,
  },
  { label: "Stretch goals declared", value: (s) => formatNumber(s.stretchGoals) },
  { label: "Mentors", value: (s) => formatNumber(s.mentors) },
  { label: "Awards", value: (s) => formatNumber(s.awards) },
  ...OUTCOME_ORDER.map((o) => ({
    label: `Outcome: ${OUTCOME_LABELS[o]}`,
    value: (s: Column["stats"]) => formatNumber(s.outcomes[o]),
  })),
  { label: "Hours saved per year", value: (s) => formatNumber(s.impact.hoursSaved) },
  { label: "Money saved per year", value: (s) => moneyText(s.impact) },
  { label: "People reached", value: (s) => formatNumber(s.impact.peopleReached) },
];

/**
 * Every statistic of every past week, one column per week (newest first) and one for all weeks together.
 * The data table behind the dashboard's charts, rendered on the server.
 */
export function StatsTable({ weeks, totals, caption }: { weeks: WeekStats[]; totals?: ArchiveTotals; caption: string }) {
  const columns: Column[] = [...weeks]
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .map((w) => ({ key: w.slug, label: w.name, href: `/archive/${w.slug}`, stats: w }));
  if (totals && weeks.length > 1) columns.push({ key: "all", label: "All weeks", stats: totals });
  return (
    <TableScroll minWidth={480}>
      <Table striped withTableBorder withColumnBorders fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Statistic</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.key} scope="col" style={{ textAlign: "right" }}>
                {c.href ? (
                  <Anchor component={Link} to={c.href} inherit>
                    {c.label}
                  </Anchor>
                ) : (
                  c.label
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ROWS.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th scope="row" fw={500}>
                {row.label}
              </Table.Th>
              {columns.map((c) => (
                <Table.Td key={c.key} style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                  {row.value(c.stats)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The headline numbers of a week (or of all weeks) as a grid. */
export function StatNumbers({ stats }: { stats: Omit<ArchiveTotals, "weeks"> }) {
  const items: Array<[string, string]> = [
    ["participants", formatNumber(stats.participants)],
    ["ideas", formatNumber(stats.ideas)],
    ["teams", formatNumber(stats.teams)],
    ["demos", formatNumber(stats.demos)],
    ["departments", formatNumber(stats.departments)],
    ["cross-department teams", formatShare(stats.crossDepartmentShare)],
    ["stretch goals", formatNumber(stats.stretchGoals)],
    ["mentors", formatNumber(stats.mentors)],
    ["awards", formatNumber(stats.awards)],
    ["hours saved a year", formatNumber(stats.impact.hoursSaved)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="sm" component="dl" m={0}>
      {items.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text component="dt" size="xs" c="dimmed" style={{ order: 2 }}>
            {label}
          </Text>
          <Text component="dd" fw={700} fz="xl" m={0} style={{ order: 1 }}>
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** Custom impact metrics: listed per demo, never added up. */
export function CustomMetrics({ impact }: { impact: ImpactTotals }) {
  if (impact.custom.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Other measures (not added up)
      </Text>
      <List size="sm">
        {impact.custom.map((c) => (
          <List.Item key={`${c.demoId}-${c.metric}`}>
            <Anchor component={Link} to={`/demos/${c.demoId}`} inherit underline="always">
              {c.demoTitle}
            </Anchor>
            : {c.metric} {c.value.toLocaleString("en")} {c.unit}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** How each number is counted, written out so readers do not have to guess. */
export function StatDefinitions() {
  return (
    <Box component="details">
      <Text component="summary" size="sm" fw={500} style={{ cursor: "pointer" }}>
        How these numbers are counted
      </Text>
      <Box component="dl" mt="xs" fz="sm">
        {STAT_DEFINITIONS.map((d) => (
          <Box key={d.term} mb={4}>
            <Text component="dt" size="sm" fw={600} style={{ display: "inline" }}>
              {d.term}
            </Text>{" "}
            <Text component="dd" size="sm" m={0} style={{ display: "inline" }}>
              — {d.definition}
            </Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
