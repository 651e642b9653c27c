import { Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { data, Form, Link, useNavigation, useSubmit } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { cx, PlainBadge, PlainChip, plain } from "~/components/plain/Plain";
import { IconSprite, SpriteIcon } from "~/components/plain/Sprite";
import { dbContext } from "~/context";
import { boardPage, cachedBoardFacets } from "~/ideas/board.server";
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
  const [page, facets] = await Promise.all([boardPage(db, week.id, query, user.id), cachedBoardFacets(db, week.id)]);
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

const stackGap8 = { "--stack-gap": "calc(0.5rem * var(--mantine-scale))" } as React.CSSProperties;
const groupGap4 = { "--group-gap": "calc(0.25rem * var(--mantine-scale))" } as React.CSSProperties;

/**
 * One idea on the board. Plain elements styled like Mantine's Card, Text and Badge (plain.module.css):
 * a page has 24 of these, and Mantine components cost several times more to render on the server.
 */
function IdeaCard({ idea, weekSlug }: { idea: Row; weekSlug: string }) {
  return (
    <article className={plain.card} aria-labelledby={`idea-${idea.id}-title`}>
      <div className={cx(plain.stack, plain.grow)} style={stackGap8}>
        <Link
          to={`/ideas/${idea.id}`}
          className={cx("mantine-focus-auto", plain.text, plain.md, plain.anchor, plain.strong)}
          id={`idea-${idea.id}-title`}
          prefetch="intent"
        >
          {idea.title}
        </Link>
        <p className={cx(plain.text, plain.sm, plain.clamp)}>{idea.summary}</p>
        <p className={cx(plain.text, plain.xs, plain.dimmed)}>{`${idea.authorName} · ${idea.department}`}</p>
        {idea.skills.length ? (
          <div className={plain.group} style={groupGap4} role="group" aria-label="Skills needed">
            {idea.skills.slice(0, 6).map((s) => (
              <PlainBadge key={s} size="sm" to={`/weeks/${weekSlug}/ideas?skill=${encodeURIComponent(s)}`}>
                {s}
              </PlainBadge>
            ))}
          </div>
        ) : null}
        <div className={cx(plain.group, plain.pushDown)}>
          <p className={cx(plain.text, plain.xs, plain.dimmed)}>
            <span aria-hidden="true">
              <SpriteIcon name="bookmark-filled" size={12} /> {idea.followerCount}
            </span>
            <span className="visually-hidden">{`${idea.followerCount} followers`}</span>
          </p>
          <p className={cx(plain.text, plain.xs, plain.dimmed)}>
            <span aria-hidden="true">
              <SpriteIcon name="message" size={12} /> {idea.commentCount}
            </span>
            <span className="visually-hidden">{`${idea.commentCount} comments`}</span>
          </p>
          {idea.hasTeam ? (
            <PlainBadge size="xs" variant="outline">
              Has a team
            </PlainBadge>
          ) : null}
          {idea.peopleWanted > 0 ? (
            <PlainBadge size="xs" color="grape" leftSection={<SpriteIcon name="users" size={10} />}>
              Looking for {idea.peopleWanted}
            </PlainBadge>
          ) : null}
          {idea.following ? (
            <PlainBadge size="xs" variant="dot">
              Following
            </PlainBadge>
          ) : null}
          {idea.carriedFromId ? (
            <PlainBadge size="xs" variant="outline" color="gray">
              Carried over
            </PlainBadge>
          ) : null}
        </div>
      </div>
    </article>
  );
}

const BOARD_ICONS = ["bookmark-filled", "message", "users"] as const;

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
                  <PlainChip key={s} name="skill" value={s} defaultChecked={query.skill.includes(s)}>
                    {s}
                  </PlainChip>
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
                  <PlainChip key={t} name="tag" value={t} variant="outline" defaultChecked={query.tag.includes(t)}>
                    {t}
                  </PlainChip>
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
      <IconSprite icons={BOARD_ICONS} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} style={{ opacity: searching ? 0.6 : 1 }}>
        {rows.map((idea) => (
          <IdeaCard key={idea.id} idea={idea} weekSlug={week.slug} />
        ))}
      </SimpleGrid>
      <Pager page={query.page} pages={pages} total={total} noun="idea" />
    </Stack>
  );
}
