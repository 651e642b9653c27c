import { Alert, Anchor, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { sql } from "drizzle-orm";
import { data, Form, Link, useSubmit } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { DepartmentChips } from "~/components/DepartmentChips";
import { Pager } from "~/components/Pager";
import { cx, PlainBadge, PlainChip, plain } from "~/components/plain/Plain";
import { dbContext } from "~/context";
import { pageCount } from "~/lib/pagination";
import { listTeams, suggestionsForPerson, viewerWeekStatus } from "~/teams/queries.server";
import { rosterOpen } from "~/teams/rules";
import { TeamListQuerySchema } from "~/teams/schemas.server";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { findWeekBySlug } from "~/weeks/weeks.server";
import { ideas, teams, users } from "~db/schema";
import type { Route } from "./+types/list";

/** How many of the viewer's own ideas without a team the page offers to start one for. */
const MY_IDEAS_SHOWN = 20;

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await findWeekBySlug(db, args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  const params = new URL(args.request.url).searchParams;
  const parsed = TeamListQuerySchema.safeParse({
    open: params.get("open") || undefined,
    mine: params.get("mine") || undefined,
    skill: params.getAll("skill"),
    page: params.get("page") ?? undefined,
  });
  if (!parsed.success)
    throw data({ message: parsed.error.issues[0]?.message ?? "That filter was not understood." }, { status: 400 });
  const query = parsed.data;
  // One query for the viewer's profile tags, their ideas still without a team, and the roles teams ask for.
  const [extras] = await db.execute<{
    skills: string[];
    stretch_goals: string[];
    my_ideas: Array<{ id: number; title: string }>;
    roles: Array<{ role: string; n: number }>;
  }>(sql`
    select u.skills, u.stretch_goals,
      coalesce((select json_agg(json_build_object('id', x.id, 'title', x.title) order by x.id desc)
        from (select i.id, i.title from ${ideas} i
          where i.week_id = ${week.id} and i.author_id = ${user.id} and i.status = 'published'
            and not exists (select 1 from ${teams} t where t.idea_id = i.id)
          order by i.id desc limit ${MY_IDEAS_SHOWN}) x), '[]') as my_ideas,
      coalesce((select json_agg(json_build_object('role', r.role, 'n', r.n) order by r.n desc, r.role)
        from (select r.role, count(*)::int as n from ${teams} t, unnest(t.open_roles) as r(role)
          where t.week_id = ${week.id} group by r.role order by count(*) desc, r.role limit 20) r), '[]') as roles
    from ${users} u where u.id = ${user.id}`);
  const myIdeas = extras?.my_ideas ?? [];
  const roles = extras?.roles ?? [];
  const [page, status, suggestions] = await Promise.all([
    listTeams(
      db,
      week.id,
      { open: query.open === "1", needsMyDepartment: query.mine === "1", skills: query.skill, page: query.page },
      user,
    ),
    viewerWeekStatus(db, user.id, week.id),
    suggestionsForPerson(db, { id: user.id, skills: extras?.skills ?? [], stretchGoals: extras?.stretch_goals ?? [] }, week.id),
  ]);
  const phase = phaseAt(week, new Date());
  return {
    week: {
      name: week.name,
      slug: week.slug,
      phaseLabel: PHASE_LABELS[phase],
      rosterOpen: rosterOpen(phase),
      minDepartments: week.minDepartmentsPerTeam,
    },
    query,
    rows: page.rows,
    total: page.total,
    pages: pageCount(page.total),
    status,
    suggestions,
    myIdeas,
    roleOptions: [...new Set([...query.skill, ...roles.map((r) => r.role)])],
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Teams · ${data.week.name} · Expedition` : "Teams · Expedition" }];
}

const stackGap8 = { "--stack-gap": "calc(0.5rem * var(--mantine-scale))" } as React.CSSProperties;
const groupGap4 = { "--group-gap": "calc(0.25rem * var(--mantine-scale))" } as React.CSSProperties;

export default function Teams({ loaderData }: Route.ComponentProps) {
  const { week, query, rows, total, pages, status, suggestions, myIdeas, roleOptions } = loaderData;
  const submit = useSubmit();
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} to={`/weeks/${week.slug}`} underline="always">
            {week.name}
          </Anchor>{" "}
          · {week.phaseLabel}
        </Text>
        <Title order={1}>Teams</Title>
        <Text c="dimmed">
          Teams form around ideas.{" "}
          {week.minDepartments > 1 ? `Each team needs people from at least ${week.minDepartments} departments.` : ""}
        </Text>
      </Stack>

      <Card withBorder padding="md" aria-label="Your team this week">
        <Stack gap="xs">
          {status.team ? (
            <Text>
              You are {status.team.role === "lead" ? "leading" : "in"}{" "}
              <Anchor component={Link} to={`/teams/${status.team.teamId}`} fw={600}>
                {status.team.name}
              </Anchor>
              .
            </Text>
          ) : (
            <Text>
              You are not in a team yet{week.rosterOpen ? ": ask to join one below, or start one around your idea." : "."}
            </Text>
          )}
          {status.pending.map((p) => (
            <Group key={p.id} gap="xs" wrap="wrap">
              <Text size="sm">
                {p.kind === "invite" ? "You are invited to " : "You asked to join "}
                <Anchor component={Link} to={`/teams/${p.teamId}`}>
                  {p.teamName}
                </Anchor>
              </Text>
              {p.kind === "invite" ? (
                <>
                  <Form method="post" action={`/teams/${p.teamId}`}>
                    <input type="hidden" name="intent" value="respond" />
                    <input type="hidden" name="requestId" value={p.id} />
                    <input type="hidden" name="accept" value="true" />
                    <Button type="submit" size="compact-sm">
                      Accept
                    </Button>
                  </Form>
                  <Form method="post" action={`/teams/${p.teamId}`}>
                    <input type="hidden" name="intent" value="respond" />
                    <input type="hidden" name="requestId" value={p.id} />
                    <input type="hidden" name="accept" value="false" />
                    <Button type="submit" size="compact-sm" variant="default">
                      Decline
                    </Button>
                  </Form>
                </>
              ) : (
                <Form method="post" action={`/teams/${p.teamId}`}>
                  <input type="hidden" name="intent" value="cancel" />
                  <input type="hidden" name="requestId" value={p.id} />
                  <Button type="submit" size="compact-sm" variant="subtle">
                    Withdraw request
                  </Button>
                </Form>
              )}
            </Group>
          ))}
          {week.rosterOpen && !status.team
            ? myIdeas.map((idea) => (
                <Group key={idea.id} gap="xs">
                  <Button component={Link} to={`/ideas/${idea.id}/team`} size="compact-sm" leftSection={<IconPlus size={14} />}>
                    Start a team around “{idea.title}”
                  </Button>
                </Group>
              ))
            : null}
        </Stack>
      </Card>

      {!status.team && (suggestions.teams.length > 0 || suggestions.ideas.length > 0) ? (
        <Alert variant="light" color="teal" title="For you: these want your skills or match your stretch goals">
          <Stack gap={4}>
            {suggestions.teams.map((t) => (
              <Text key={`t${t.id}`} size="sm">
                Team{" "}
                <Anchor component={Link} to={`/teams/${t.id}`} underline="always">
                  {t.name}
                </Anchor>{" "}
                wants {t.matches.join(", ")} · {t.places} place{t.places === 1 ? "" : "s"} open
              </Text>
            ))}
            {suggestions.ideas.map((i) => (
              <Text key={`i${i.id}`} size="sm">
                Idea{" "}
                <Anchor component={Link} to={`/ideas/${i.id}`} underline="always">
                  {i.title}
                </Anchor>{" "}
                needs {i.matches.join(", ")} (no team yet)
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <Form
        method="get"
        role="search"
        aria-label="Filter teams"
        onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      >
        <Stack gap="xs">
          <Group gap="lg">
            <Checkbox name="open" value="1" label="Open places" defaultChecked={query.open === "1"} />
            <Checkbox name="mine" value="1" label="Needs my department" defaultChecked={query.mine === "1"} />
          </Group>
          {roleOptions.length ? (
            <Group gap={6} role="group" aria-label="Skills wanted">
              {roleOptions.map((r) => (
                <PlainChip key={r} name="skill" value={r} defaultChecked={query.skill.includes(r)}>
                  {r}
                </PlainChip>
              ))}
            </Group>
          ) : null}
          <Group>
            <Button type="submit" variant="default" size="xs">
              Apply
            </Button>
          </Group>
        </Stack>
      </Form>

      {rows.length === 0 ? <Text c="dimmed">No team matches.</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {rows.map((team) => (
          <article key={team.id} className={plain.card} aria-labelledby={`team-${team.id}`}>
            <div className={plain.stack} style={stackGap8}>
              <div className={cx(plain.group, plain.spread)}>
                <Link
                  to={`/teams/${team.id}`}
                  className={cx("mantine-focus-auto", plain.text, plain.md, plain.anchor, plain.strong)}
                  id={`team-${team.id}`}
                >
                  {team.name}
                </Link>
                {team.confirmedAt ? (
                  <PlainBadge size="sm" variant="filled">
                    Confirmed
                  </PlainBadge>
                ) : null}
              </div>
              <p className={cx(plain.text, plain.sm, plain.dimmed)}>
                Around{" "}
                <Link to={`/ideas/${team.ideaId}`} className={cx("mantine-focus-auto", plain.anchor, plain.underline)}>
                  {team.ideaTitle}
                </Link>{" "}
                · led by {team.leadName}
              </p>
              <p className={cx(plain.text, plain.sm, plain.medium)}>
                {team.memberCount} of {team.capacity} ·{" "}
                {team.capacity - team.memberCount > 0 ? `${team.capacity - team.memberCount} open` : "full"}
              </p>
              <DepartmentChips departments={team.departments} minDepartments={week.minDepartments} />
              {team.openRoles.length ? (
                <div className={plain.group} style={groupGap4} role="group" aria-label="Looking for">
                  {team.openRoles.map((r) => (
                    <PlainBadge key={r} size="xs" variant="outline">
                      {r}
                    </PlainBadge>
                  ))}
                </div>
              ) : null}
            </div>
          </article>
        ))}
      </SimpleGrid>
      <Pager page={query.page} pages={pages} total={total} noun="team" />
    </Stack>
  );
}
