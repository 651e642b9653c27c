import { Anchor, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconPresentation, IconSearch } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { data, Form, Link, useNavigation, useSubmit } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { DemoCard } from "~/components/DemoCard";
import { Pager } from "~/components/Pager";
import { dbContext } from "~/context";
import { demoEditCheck, demoGallery, viewerDemoStatus } from "~/demos/demos.server";
import { parseGalleryQuery } from "~/demos/schemas.server";
import { pageCount } from "~/lib/pagination";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/gallery";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await findWeekBySlug(db, args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  const parsed = parseGalleryQuery(new URL(args.request.url));
  if (!parsed.success)
    throw data({ message: parsed.error.issues[0]?.message ?? "That search was not understood." }, { status: 400 });
  const query = parsed.data;
  const [gallery, mine] = await Promise.all([demoGallery(db, week.id, query), viewerDemoStatus(db, user.id, week.id)]);
  const now = new Date();
  const phase = phaseAt(week, now);
  // "Submit your demo": a member of a confirmed team without a demo, while members may submit.
  const canSubmit =
    mine !== null &&
    mine.demoId === null &&
    (phase === "exploring" || phase === "demos") &&
    demoEditCheck(now, week, mine, null, { isMember: true, isOrganiser: hasRole(user, "organiser") }).ok;
  return {
    week: { name: week.name, slug: week.slug, phaseLabel: PHASE_LABELS[phase] },
    query: { q: query.q, tag: query.tag ?? "", department: query.department ? String(query.department) : "", page: query.page },
    rows: gallery.rows,
    total: gallery.total,
    pages: pageCount(gallery.total),
    facets: gallery.facets,
    submit: canSubmit && mine ? { teamId: mine.teamId } : null,
    myDemoId: mine?.demoId ?? null,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Demos · ${data.week.name} · Expedition` : "Demos · Expedition" }];
}

export default function Gallery({ loaderData }: Route.ComponentProps) {
  const { week, query, rows, total, pages, facets } = loaderData;
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const isText = (event.target as HTMLElement).getAttribute("type") === "search";
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), isText ? 300 : 0);
  };
  const searching = navigation.state === "loading" && navigation.location?.pathname === `/weeks/${week.slug}/demos`;
  const tagOptions = [...new Set([...(query.tag ? [query.tag] : []), ...facets.tags])];
  const filtered = Boolean(query.q || query.tag || query.department);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={`/weeks/${week.slug}`} underline="always">
              {week.name}
            </Anchor>{" "}
            · {week.phaseLabel}
          </Text>
          <Title order={1}>Demos</Title>
        </Stack>
        {loaderData.submit ? (
          <Button component={Link} to={`/teams/${loaderData.submit.teamId}/demo`} leftSection={<IconPresentation size={16} />}>
            Submit your demo
          </Button>
        ) : loaderData.myDemoId ? (
          <Anchor component={Link} to={`/demos/${loaderData.myDemoId}`}>
            Your team's demo
          </Anchor>
        ) : null}
      </Group>

      <Form method="get" role="search" aria-label="Search and filter demos" onChange={onChange}>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            type="search"
            name="q"
            label="Search demos"
            placeholder="e.g. on-call automation"
            defaultValue={query.q}
            leftSection={<IconSearch size={16} />}
            maxLength={200}
            style={{ flex: "1 1 18rem" }}
          />
          <NativeSelect
            name="tag"
            label="Tag"
            defaultValue={query.tag}
            data={[{ value: "", label: "All tags" }, ...tagOptions.map((t) => ({ value: t, label: t }))]}
          />
          <NativeSelect
            name="department"
            label="Department"
            defaultValue={query.department}
            data={[
              { value: "", label: "All departments" },
              ...facets.departments.map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
          <Button type="submit" variant="default">
            Apply
          </Button>
          {filtered ? (
            <Anchor component={Link} to={`/weeks/${week.slug}/demos`} size="sm">
              Clear all
            </Anchor>
          ) : null}
        </Group>
      </Form>

      <Text size="sm" role="status" aria-live="polite" aria-busy={searching}>
        {total === 0
          ? filtered
            ? "No demos match."
            : "No demos yet. Confirmed teams submit theirs during exploring, before the demo deadline."
          : `${total.toLocaleString("en")} demo${total === 1 ? "" : "s"}`}
        {query.q ? ` for “${query.q}”` : ""}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ opacity: searching ? 0.6 : 1 }}>
        {rows.map((demo) => (
          <DemoCard key={demo.id} demo={demo} weekSlug={week.slug} />
        ))}
      </SimpleGrid>
      <Pager page={query.page} pages={pages} total={total} noun="demo" />
    </Stack>
  );
}
