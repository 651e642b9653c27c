import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { data, Form, Link, useNavigation, useSubmit } from "react-router";
import { archiveGallery } from "~/archive/gallery.server";
import { parseArchiveGalleryQuery } from "~/archive/params";
import {
  ANY_AWARD,
  effectiveSort,
  GALLERY_SORTS,
  OUTCOME_LABELS,
  OUTCOME_STATUSES,
  Q_MAX,
  SORT_LABELS,
} from "~/archive/vocabulary";
import { requireUser } from "~/auth/guards.server";
import { ARCHIVE_CARD_ICONS, ArchiveDemoCard } from "~/components/archive/ArchiveDemoCard";
import { Pager } from "~/components/Pager";
import { IconSprite } from "~/components/plain/Sprite";
import { dbContext } from "~/context";
import { pageCount } from "~/lib/pagination";
import type { Route } from "./+types/gallery";

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const parsed = parseArchiveGalleryQuery(new URL(args.request.url));
  if (!parsed.success)
    throw data({ message: parsed.error.issues[0]?.message ?? "That search was not understood." }, { status: 400 });
  const query = parsed.data;
  const result = await archiveGallery(args.context.get(dbContext), query, new Date());
  return {
    query: {
      q: query.q,
      week: query.week ?? "",
      department: query.department ?? "",
      award: query.award ?? "",
      tag: query.tag ?? "",
      outcome: query.outcome ?? "",
      sort: effectiveSort(query),
      page: query.page,
    },
    rows: result.rows,
    total: result.total,
    pages: pageCount(result.total),
    facets: result.facets,
  };
}

export function meta() {
  return [{ title: "Demos of every week · Archive · Expedition" }];
}

/** Keeps a value that came in the URL selectable even when the options no longer list it. */
const withCurrent = (options: Array<{ value: string; label: string }>, current: string) =>
  current && !options.some((o) => o.value.toLowerCase() === current.toLowerCase())
    ? [...options, { value: current, label: current }]
    : options;

export default function ArchiveGallery({ loaderData }: Route.ComponentProps) {
  const { query, rows, total, pages, facets } = loaderData;
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript the results follow the form as one types (debounced), without a full reload.
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const isText = (event.target as HTMLElement).getAttribute("type") === "search";
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), isText ? 300 : 0);
  };
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/archive/demos";
  const filtered = Boolean(query.q || query.week || query.department || query.award || query.tag || query.outcome);
  const sortOptions = GALLERY_SORTS.filter((s) => s !== "relevance" || query.q).map((s) => ({ value: s, label: SORT_LABELS[s] }));

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to="/archive" underline="always">
            Archive
          </Anchor>{" "}
          · every past week
        </Text>
        <Title order={1}>Demos of every week</Title>
        <Text c="dimmed" size="sm">
          Search what teams built and learned, their original pitches and what became of their work afterwards.
        </Text>
      </Stack>

      <Form method="get" role="search" aria-label="Search and filter the archive" onChange={onChange}>
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              type="search"
              name="q"
              label="Search the archive"
              placeholder='e.g. on-call automation, "feature flags" -mobile'
              defaultValue={query.q}
              leftSection={<IconSearch size={16} />}
              maxLength={Q_MAX}
              style={{ flex: "1 1 18rem" }}
            />
            <NativeSelect name="sort" label="Sort by" defaultValue={query.sort} data={sortOptions} />
          </Group>
          <Group align="flex-end" wrap="wrap" gap="sm">
            <NativeSelect
              name="week"
              label="Week"
              defaultValue={query.week}
              data={withCurrent(
                [{ value: "", label: "All weeks" }, ...facets.weeks.map((w) => ({ value: w.slug, label: w.name }))],
                query.week,
              )}
            />
            <NativeSelect
              name="department"
              label="Department"
              defaultValue={query.department}
              data={withCurrent(
                [{ value: "", label: "All departments" }, ...facets.departments.map((d) => ({ value: d.slug, label: d.name }))],
                query.department,
              )}
            />
            <NativeSelect
              name="award"
              label="Award"
              defaultValue={
                facets.awards.find((a) => a.toLowerCase() === query.award.toLowerCase()) ??
                (query.award.toLowerCase() === ANY_AWARD ? ANY_AWARD : query.award)
              }
              data={withCurrent(
                [
                  { value: "", label: "With or without" },
                  { value: ANY_AWARD, label: "Won any award" },
                  ...facets.awards.map((a) => ({ value: a, label: a })),
                ],
                query.award,
              )}
            />
            <NativeSelect
              name="tag"
              label="Tag"
              defaultValue={query.tag}
              data={withCurrent(
                [{ value: "", label: "All tags" }, ...facets.tags.map((t) => ({ value: t, label: t }))],
                query.tag,
              )}
            />
            <NativeSelect
              name="outcome"
              label="Outcome"
              defaultValue={query.outcome}
              data={[
                { value: "", label: "Any outcome" },
                ...OUTCOME_STATUSES.map((s) => ({ value: s, label: OUTCOME_LABELS[s] })),
                { value: "none", label: OUTCOME_LABELS.none },
              ]}
            />
            <Button type="submit" variant="default">
              Apply
            </Button>
            {filtered ? (
              <Anchor component={Link} to="/archive/demos" size="sm">
                Clear all
              </Anchor>
            ) : null}
          </Group>
        </Stack>
      </Form>

      <Text size="sm" role="status" aria-live="polite" aria-busy={searching}>
        {total === 0
          ? filtered
            ? "No demos match. Try fewer words or fewer filters."
            : "No week has published its results yet."
          : `${total.toLocaleString("en")} demo${total === 1 ? "" : "s"}`}
        {query.q ? ` for “${query.q}”` : ""}
      </Text>
      <IconSprite icons={ARCHIVE_CARD_ICONS} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ opacity: searching ? 0.6 : 1 }}>
        {rows.map((demo) => (
          <ArchiveDemoCard
            key={demo.id}
            demo={{ ...demo, week: { name: demo.weekName, slug: demo.weekSlug } }}
            headingLevel={2}
          />
        ))}
      </SimpleGrid>
      <Pager page={query.page} pages={pages} total={total} noun="demo" />
    </Stack>
  );
}
