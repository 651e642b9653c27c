import { Badge, Group, Text } from "@mantine/core";

/** Members' departments as chips, with the count and whether the week's department rule is met. */
export function DepartmentChips({
  departments,
  minDepartments,
  showRule = true,
}: {
  departments: Array<{ id: number; name: string; count: number }>;
  minDepartments: number;
  showRule?: boolean;
}) {
  const short = departments.length < minDepartments;
  return (
    <Group gap={6} aria-label={`${departments.length} department${departments.length === 1 ? "" : "s"}`}>
      {departments.map((d) => (
        <Badge key={d.id} variant="light" color="indigo" size="sm">
          {d.name}
          {d.count > 1 ? ` ×${d.count}` : ""}
        </Badge>
      ))}
      <Text size="xs" c="dimmed">
        {departments.length} department{departments.length === 1 ? "" : "s"}
      </Text>
      {showRule && short ? (
        <Badge color="orange" variant="light" size="sm">
          Needs someone from another department
        </Badge>
      ) : null}
    </Group>
  );
}
