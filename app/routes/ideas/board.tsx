import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Chip,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconBookmarkFilled, IconMessage, IconPlus, IconSearch, IconUsers } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { data, Form, Link, useNavigation, useSubmit } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { dbContext } from "~/context";
import { boardFacets, boardPage } from "~/ideas/board.server";
import { canPitch } from "~/ideas/rules";
import { parseBoardQuery } from "~/ideas/schemas.server";
import { pageCount } from "~/lib/pagination";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/board";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await findWeekBySlug(db, args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  const parsed = parseBoardQuery(new URL(args.request.url));
  if (!parsed.success)
    throw data({ message: parsed.error.issues[0]?.message ?? "That search was not understood." }, { status: 400 });
  const query = parsed.data;
  const [page, facets] = await Promise.all([boardPage(db, week.id, query, user.id), boardFacets(db, week.id)]);
  const phase = phaseAt(week, new Date());
  return {
    week: { name: week.name, slug: week.slug, phaseLabel: PHASE_LABELS[phase], canPitch: canPitch(phase) },
    query: { ...query, sort: query.sort ?? (query.q ? "relevance" : "new") },
    rows: page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total: page.total,
    pages: pageCount(page.total),
    facets,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Ideas · ${data.week.name} · Expedition` : "Ideas · Expedition" }];
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

function IdeaCard({ idea, weekSlug }: { idea: Row; weekSlug: string }) {
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`idea-${idea.id}-title`}>
      <Stack gap={8} h="100%">
        <Anchor component={Link} to={`/ideas/${idea.id}`} fw={700} id={`idea-${idea.id}-title`} prefetch="intent">
          {idea.title}
        </Anchor>
        <Text size="sm" lineClamp={3}>
          {idea.summary}
        </Text>
        <Text size="xs" c="dimmed">
          {idea.authorName} · {idea.department}
        </Text>
        {idea.skills.length ? (
          <Group gap={4} aria-label="Skills needed">
            {idea.skills.slice(0, 6).map((s) => (
              <Badge
                key={s}
                size="sm"
                variant="light"
                component={Link}
                to={`/weeks/${weekSlug}/ideas?skill=${encodeURIComponent(s)}`}
                style={{ cursor: "pointer" }}
              >
                {s}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Group gap="md" mt="auto">
          <Text size="xs" c="dimmed" aria-label={`${idea.followerCount} followers`}>
            <IconBookmarkFilled size={12} aria-hidden /> {idea.followerCount}
          </Text>
          <Text size="xs" c="dimmed" aria-label={`${idea.commentCount} comments`}>
            <IconMessage size={12} aria-hidden /> {idea.commentCount}
          </Text>
          {idea.hasTeam ? (
            <Badge size="xs" color="teal" variant="outline">
              Has a team
            </Badge>
          ) : null}
          {idea.peopleWanted > 0 ? (
            <Badge size="xs" color="grape" variant="light" leftSection={<IconUsers size={10} aria-hidden />}>
              Looking for {idea.peopleWanted}
            </Badge>
          ) : null}
          {idea.following ? (
            <Badge size="xs" variant="dot">
              Following
            </Badge>
          ) : null}
          {idea.carriedFromId ? (
            <Badge size="xs" variant="outline" color="gray">
              Carried over
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}

const SORT_OPTIONS = [
  { value: "new", label: "Newest" },
  { value: "followed", label: "Most followed" },
  { value: "discussed", label: "Most discussed" },
  { value: "relevance", label: "Best match" },
];

export default function Board({ loaderData }: Route.ComponentProps) {
  const { week, query, rows, total, pages, facets } = loaderData;
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript the board follows the form as one types (debounced), without a full reload.
  const onChange = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const isText = (event.target as HTMLElement).getAttribute("type") === "search";
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), isText ? 300 : 0);
  };
  const searching = navigation.state === "loading" && navigation.location?.pathname === `/weeks/${week.slug}/ideas`;
  const skillOptions = [...new Set([...query.skill, ...facets.skills.slice(0, 16)])];
  const tagOptions = [...new Set([...query.tag, ...facets.tags.slice(0, 12)])];

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
          <Title order={1}>Ideas</Title>
        </Stack>
        {week.canPitch ? (
          <Button component={Link} to={`/weeks/${week.slug}/ideas/new`} leftSection={<IconPlus size={16} />}>
            Pitch an idea
          </Button>
        ) : null}
      </Group>

      <Form method="get" role="search" aria-label="Search and filter ideas" ref={formRef} onChange={onChange}>
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              type="search"
              name="q"
              label="Search ideas"
              placeholder='e.g. on-call automation, "feature flags" -mobile'
              defaultValue={query.q}
              leftSection={<IconSearch size={16} />}
              maxLength={200}
              style={{ flex: "1 1 18rem" }}
            />
            <NativeSelect
              name="sort"
              label="Sort by"
              defaultValue={query.sort}
              data={query.q ? SORT_OPTIONS : SORT_OPTIONS.slice(0, 3)}
            />
            <NativeSelect
              name="department"
              label="Author's department"
              defaultValue={query.department ? String(query.department) : ""}
              data={[
                { value: "", label: "All departments" },
                ...facets.departments.map((d) => ({ value: String(d.id), label: d.name })),
              ]}
            />
            <NativeSelect
              name="team"
              label="Team"
              defaultValue={query.team ?? ""}
              data={[
                { value: "", label: "Any" },
                { value: "yes", label: "Has a team" },
                { value: "no", label: "No team yet" },
              ]}
            />
          </Group>
          <Checkbox name="looking" value="1" label="Looking for people" defaultChecked={query.looking === "1"} />
          {skillOptions.length ? (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="skill-filter-label">
                Skills
              </Text>
              <Group gap={6} role="group" aria-labelledby="skill-filter-label">
                {skillOptions.map((s) => (
                  <Chip key={s} name="skill" value={s} size="xs" defaultChecked={query.skill.includes(s)}>
                    {s}
                  </Chip>
                ))}
              </Group>
            </Stack>
          ) : null}
          {tagOptions.length ? (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="tag-filter-label">
                Themes
              </Text>
              <Group gap={6} role="group" aria-labelledby="tag-filter-label">
                {tagOptions.map((t) => (
                  <Chip key={t} name="tag" value={t} size="xs" variant="outline" defaultChecked={query.tag.includes(t)}>
                    {t}
                  </Chip>
                ))}
              </Group>
            </Stack>
          ) : null}
          <Group gap="sm">
            <Button type="submit" variant="default">
              Apply
            </Button>
            <Anchor component={Link} to={`/weeks/${week.slug}/ideas`} size="sm">
              Clear all
            </Anchor>
          </Group>
        </Stack>
      </Form>

      <Text size="sm" role="status" aria-live="polite" aria-busy={searching}>
        {total === 0 ? "No ideas match." : `${total.toLocaleString("en")} idea${total === 1 ? "" : "s"}`}
        {query.q ? ` for “${query.q}”` : ""}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ opacity: searching ? 0.6 : 1 }}>
        {rows.map((idea) => (
          <IdeaCard key={idea.id} idea={idea} weekSlug={week.slug} />
        ))}
      </SimpleGrid>
      <Pager page={query.page} pages={pages} total={total} noun="idea" />
    </Stack>
  );
}
