import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconSchool, IconSearch, IconUsers } from "@tabler/icons-react";
import { data, Form, Link, useLocation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { Pager } from "~/components/Pager";
import { dbContext } from "~/context";
import { normaliseTag, TAG_MAX } from "~/ideas/rules";
import { pageCount, parsePage } from "~/lib/pagination";
import { listDepartments, searchPeople, skillSuggestions } from "~/people/people.server";
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
    skillSuggestions(db),
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

function PersonCard({ person, weekName }: { person: Row; weekName: string | null }) {
  const titleId = `person-${person.id}-name`;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      <Stack gap={8}>
        <Stack gap={0}>
          <Anchor component={Link} to={`/people/${person.id}`} fw={700} id={titleId} prefetch="intent">
            {person.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {person.title ? `${person.title} · ` : ""}
            {person.department}
          </Text>
        </Stack>
        {person.skills.length ? (
          <Group gap={4} role="group" aria-label="Skills">
            {person.skills.map((s) => (
              <Badge
                key={s}
                variant="light"
                size="sm"
                component={Link}
                to={`/people?skill=${encodeURIComponent(s)}`}
                style={{ cursor: "pointer" }}
              >
                {s}
              </Badge>
            ))}
          </Group>
        ) : null}
        {person.stretchGoals.length ? (
          <Group gap={4} role="group" aria-label="Stretch goals">
            <Text size="xs" c="dimmed" aria-hidden>
              Wants to learn:
            </Text>
            {person.stretchGoals.map((s) => (
              <Badge
                key={s}
                variant="outline"
                size="sm"
                component={Link}
                to={`/people?stretch=${encodeURIComponent(s)}`}
                style={{ cursor: "pointer" }}
              >
                {s}
              </Badge>
            ))}
          </Group>
        ) : null}
        {person.mentorOffer ? (
          <Text size="sm" lineClamp={2}>
            <IconSchool size={14} aria-hidden style={{ verticalAlign: "-2px" }} />{" "}
            <Text span fw={600} inherit>
              Mentors on:
            </Text>{" "}
            {person.mentorOffer}
          </Text>
        ) : null}
        {weekName ? (
          person.teamThisWeek ? (
            <Text size="sm">
              <IconUsers size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> In team{" "}
              <Anchor component={Link} to={`/teams/${person.teamThisWeek.id}`} inherit fw={600}>
                {person.teamThisWeek.name}
              </Anchor>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              <IconUsers size={14} aria-hidden style={{ verticalAlign: "-2px" }} /> Not in a team yet
            </Text>
          )
        ) : null}
      </Stack>
    </Card>
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
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {rows.map((person) => (
          <PersonCard key={person.id} person={person} weekName={week?.name ?? null} />
        ))}
      </SimpleGrid>
      <Pager page={page} pages={pages} total={total} noun="profile" />
    </Stack>
  );
}
