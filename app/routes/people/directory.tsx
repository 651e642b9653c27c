import { Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { data, Form, Link, useLocation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { cx, PlainBadge, plain } from "~/components/plain/Plain";
import { IconSprite, SpriteIcon } from "~/components/plain/Sprite";
import { dbContext } from "~/context";
import { normaliseTag, TAG_MAX } from "~/ideas/rules";
import { pageCount, parsePage } from "~/lib/pagination";
import { cachedSkillSuggestions, listDepartments, searchPeople } from "~/people/people.server";
import { featuredWeek } from "~/weeks/weeks.server";
import type { Route } from "./+types/directory";

/** A tag from the URL, normalised like stored tags; "" when absent; null when it cannot be a tag. */
function tagParam(value: string | null): string | null {
  const tag = normaliseTag((value ?? "").slice(0, 200));
  return tag.length > TAG_MAX ? null : tag;
}

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const url = new URL(args.request.url);
  const page = parsePage(url.searchParams.get("page"));
  if (page === null) throw data({ message: "The page number must be a positive whole number." }, { status: 400 });
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const dept = url.searchParams.get("department") ?? "";
  const departmentId = /^\d{1,9}$/.test(dept) ? Number(dept) : undefined;
  const skill = tagParam(url.searchParams.get("skill"));
  const stretch = tagParam(url.searchParams.get("stretch"));
  if (skill === null || stretch === null) {
    throw data({ message: `A skill or stretch goal has at most ${TAG_MAX} characters.` }, { status: 400 });
  }
  const mentors = url.searchParams.get("mentors") === "1";
  const db = args.context.get(dbContext);
  const week = await featuredWeek(db);
  const [result, departments, suggestions] = await Promise.all([
    searchPeople(db, { q, departmentId, skill, stretch, mentors, weekId: week?.id ?? null, page }),
    listDepartments(db),
    cachedSkillSuggestions(db),
  ]);
  return {
    ...result,
    page,
    pages: pageCount(result.total),
    filters: { q, department: departmentId ? String(departmentId) : "", skill, stretch, mentors },
    week: week ? { name: week.name, slug: week.slug } : null,
    departments: departments.map((d) => ({ value: String(d.id), label: d.name })),
    suggestions,
  };
}

export function meta() {
  return [{ title: "People · Expedition" }];
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

const stackGap8 = { "--stack-gap": "calc(0.5rem * var(--mantine-scale))" } as React.CSSProperties;
const stackGap0 = { "--stack-gap": "0px" } as React.CSSProperties;
const groupGap4 = { "--group-gap": "calc(0.25rem * var(--mantine-scale))" } as React.CSSProperties;
const clamp2 = { "--clamp": 2 } as React.CSSProperties;
const PEOPLE_ICONS = ["school", "users"] as const;

/**
 * A person in the directory. Plain elements styled like Mantine's Card, Text and Badge (plain.module.css):
 * a page has 24 of these.
 */
function PersonCard({ person, weekName }: { person: Row; weekName: string | null }) {
  const titleId = `person-${person.id}-name`;
  return (
    <article className={plain.card} aria-labelledby={titleId}>
      <div className={plain.stack} style={stackGap8}>
        <div className={plain.stack} style={stackGap0}>
          <Link
            to={`/people/${person.id}`}
            className={cx("mantine-focus-auto", plain.text, plain.md, plain.anchor, plain.strong)}
            id={titleId}
            prefetch="intent"
          >
            {person.name}
          </Link>
          <p className={cx(plain.text, plain.sm, plain.dimmed)}>
            {person.title ? `${person.title} · ` : ""}
            {person.department}
          </p>
        </div>
        {person.skills.length ? (
          <div className={plain.group} style={groupGap4} role="group" aria-label="Skills">
            {person.skills.map((s) => (
              <PlainBadge key={s} size="sm" to={`/people?skill=${encodeURIComponent(s)}`}>
                {s}
              </PlainBadge>
            ))}
          </div>
        ) : null}
        {person.stretchGoals.length ? (
          <div className={plain.group} style={groupGap4} role="group" aria-label="Stretch goals">
            <span className={cx(plain.text, plain.xs, plain.dimmed)} aria-hidden="true">
              Wants to learn:
            </span>
            {person.stretchGoals.map((s) => (
              <PlainBadge key={s} size="sm" variant="outline" to={`/people?stretch=${encodeURIComponent(s)}`}>
                {s}
              </PlainBadge>
            ))}
          </div>
        ) : null}
        {person.mentorOffer ? (
          <p className={cx(plain.text, plain.sm, plain.clamp)} style={clamp2}>
            <SpriteIcon name="school" size={14} /> <strong>Mentors on:</strong> {person.mentorOffer}
          </p>
        ) : null}
        {weekName ? (
          person.teamThisWeek ? (
            <p className={cx(plain.text, plain.sm)}>
              <SpriteIcon name="users" size={14} /> In team{" "}
              <Link to={`/teams/${person.teamThisWeek.id}`} className={cx("mantine-focus-auto", plain.anchor, plain.strong)}>
                {person.teamThisWeek.name}
              </Link>
            </p>
          ) : (
            <p className={cx(plain.text, plain.sm, plain.dimmed)}>
              <SpriteIcon name="users" size={14} /> Not in a team yet
            </p>
          )
        ) : null}
      </div>
    </article>
  );
}

export default function People({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, filters, departments, suggestions, week } = loaderData;
  const location = useLocation();
  const filtered = Boolean(filters.q || filters.department || filters.skill || filters.stretch || filters.mentors);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>People</Title>
        <Text c="dimmed" size="sm">
          Find who knows something, who wants to learn it, and who offers to mentor.
          {week ? ` Team status is for ${week.name}.` : ""}
        </Text>
      </Stack>
      {/* Keyed by the URL so the fields follow links such as a skill badge or "Clear filters". */}
      <Form method="get" role="search" aria-label="Search and filter people" key={location.search}>
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              type="search"
              name="q"
              label="Name, title, skill or stretch goal"
              defaultValue={filters.q}
              leftSection={<IconSearch size={16} aria-hidden />}
              maxLength={100}
              style={{ flex: "1 1 16rem" }}
            />
            <NativeSelect
              name="department"
              label="Department"
              defaultValue={filters.department}
              data={[{ value: "", label: "All departments" }, ...departments]}
              style={{ flex: "1 1 14rem" }}
            />
          </Group>
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              name="skill"
              label="Knows (skill)"
              defaultValue={filters.skill}
              list="people-tag-options"
              maxLength={TAG_MAX}
              autoComplete="off"
              style={{ flex: "1 1 12rem" }}
            />
            <TextInput
              name="stretch"
              label="Wants to learn (stretch goal)"
              defaultValue={filters.stretch}
              list="people-tag-options"
              maxLength={TAG_MAX}
              autoComplete="off"
              style={{ flex: "1 1 12rem" }}
            />
            <datalist id="people-tag-options">
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Group>
          <Checkbox name="mentors" value="1" label="Offers mentoring" defaultChecked={filters.mentors} />
          <Group gap="sm">
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
              Search
            </Button>
            {filtered ? (
              <Anchor component={Link} to="/people" size="sm">
                Clear filters
              </Anchor>
            ) : null}
          </Group>
        </Stack>
      </Form>
      {rows.length === 0 ? (
        <Text c="dimmed" role="status">
          {filtered ? "Nobody matches these filters. Try fewer of them." : "Nobody is here yet."}
        </Text>
      ) : null}
      <IconSprite icons={PEOPLE_ICONS} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {rows.map((person) => (
          <PersonCard key={person.id} person={person} weekName={week?.name ?? null} />
        ))}
      </SimpleGrid>
      <Pager page={page} pages={pages} total={total} noun="profile" />
    </Stack>
  );
}
