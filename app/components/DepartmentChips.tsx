import { cx, PlainBadge, plain } from "~/components/plain/Plain";

const groupGap6 = { "--group-gap": "calc(0.375rem * var(--mantine-scale))" } as React.CSSProperties;

/**
 * Members' departments as chips, with the count and whether the week's department rule is met. Plain
 * elements (plain.module.css): the teams list shows one per team card.
 */
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
  const count = `${departments.length} department${departments.length === 1 ? "" : "s"}`;
  return (
    <div className={plain.group} style={groupGap6} role="group" aria-label={count}>
      {departments.map((d) => (
        <PlainBadge key={d.id} color="indigo" size="sm">
          {d.name}
          {d.count > 1 ? ` ×${d.count}` : ""}
        </PlainBadge>
      ))}
      <span className={cx(plain.text, plain.xs, plain.dimmed)}>{count}</span>
      {showRule && short ? (
        <PlainBadge color="orange" size="sm">
          Needs someone from another department
        </PlainBadge>
      ) : null}
    </div>
  );
}
