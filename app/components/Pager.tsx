import { Group, Pagination, Text } from "@mantine/core";
import { Link, useLocation } from "react-router";

/** Real links (work without JavaScript, keep every other URL parameter). */
export function Pager({ page, pages, total, noun }: { page: number; pages: number; total: number; noun: string }) {
  const location = useLocation();
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${location.pathname}?${qs}` : location.pathname;
  };
  return (
    <Group justify="space-between" wrap="wrap">
      <Text size="sm" c="dimmed">
        {total.toLocaleString("en")} {noun}
        {total === 1 ? "" : "s"}
      </Text>
      {pages > 1 ? (
        <Pagination
          total={pages}
          value={page}
          getItemProps={(p) => ({ component: Link, to: hrefFor(p) })}
          getControlProps={(control) => {
            const target = control === "first" ? 1 : control === "last" ? pages : control === "next" ? page + 1 : page - 1;
            const labels = { first: "First page", last: "Last page", next: "Next page", previous: "Previous page" };
            return { component: Link, to: hrefFor(Math.min(pages, Math.max(1, target))), "aria-label": labels[control] };
          }}
          aria-label="Pages"
        />
      ) : null}
    </Group>
  );
}
