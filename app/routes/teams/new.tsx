import { Alert, Anchor, Button, NativeSelect, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { and, asc, eq, sql } from "drizzle-orm";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { TagsField } from "~/components/TagsField";
import { dbContext, requestInfoContext } from "~/context";
import { usedTags } from "~/ideas/ideas.server";
import { idParam } from "~/ideas/params";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { canChangeRoster } from "~/teams/rules";
import { TeamSchema } from "~/teams/schemas.server";
import { createTeam } from "~/teams/teams.server";
import { phaseAt } from "~/weeks/phase";
import { ideaFollows, ideas, teamMembers, teams, users, weeks } from "~db/schema";
import type { Route } from "./+types/new";

async function context(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  const actor = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const db = args.context.get(dbContext);
  const ideaId = idParam(args.params.ideaId, "idea");
  const [row] = await db
    .select({ idea: ideas, week: weeks, teamId: teams.id })
    .from(ideas)
    .innerJoin(weeks, eq(weeks.id, ideas.weekId))
    .leftJoin(teams, eq(teams.ideaId, ideas.id))
    .where(eq(ideas.id, ideaId));
  if (row?.idea.status !== "published") throw data({ message: "That idea does not exist." }, { status: 404 });
  if (row.teamId) throw redirect(`/teams/${row.teamId}`);
  if (row.idea.authorId !== actor.id && !actor.isOrganiser) {
    throw data(
      { message: "Only the idea's author (or an organiser) can start its team. Ask to join it once it forms." },
      { status: 403 },
    );
  }
  return { actor, db, ...row };
}

export async function loader(args: Route.LoaderArgs) {
  const { actor, db, idea, week } = await context(args);
  const phase = phaseAt(week, new Date());
  // Possible leads: the author, or someone interested (a follower) who is not in a team yet.
  const leads = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        sql`${users.deactivatedAt} is null`,
        sql`(${users.id} = ${idea.authorId} or exists (select 1 from ${ideaFollows} where ${ideaFollows.ideaId} = ${idea.id} and ${ideaFollows.userId} = ${users.id}))`,
        sql`not exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${users.id} and ${teamMembers.weekId} = ${week.id})`,
      ),
    )
    .orderBy(asc(users.name))
    .limit(200);
  return {
    idea: { id: idea.id, title: idea.title, skills: idea.skills, authorId: idea.authorId },
    week: {
      name: week.name,
      min: Math.max(week.soloTeamsAllowed ? 1 : 2, week.teamSizeMin),
      max: week.teamSizeMax,
      minDepartments: week.minDepartmentsPerTeam,
    },
    open: canChangeRoster(phase, actor.isOrganiser),
    leads,
    viewerId: actor.id,
    suggestions: await usedTags(db, "skills"),
  };
}

export async function action(args: Route.ActionArgs) {
  const { actor, db, idea } = await context(args);
  const formData = await readFormData(args.request, 50_000);
  const parsed = parseForm(formData, TeamSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await createTeam(db, actor, idea.id, parsed.data);
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  throw redirect(`/teams/${outcome.value.id}?created=1`);
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Start a team · ${data.idea.title} · Expedition` : "Start a team · Expedition" }];
}

export default function NewTeam({ loaderData, actionData }: Route.ComponentProps) {
  const { idea, week, open, leads, viewerId } = loaderData;
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/ideas/${idea.id}`} size="sm">
          ← {idea.title}
        </Anchor>
        <Title order={1}>Start a team</Title>
        <Text c="dimmed">
          A team of {week.min}–{week.max} people works on this idea during {week.name}
          {week.minDepartments > 1 ? `, with people from at least ${week.minDepartments} departments` : ""}.
        </Text>
      </Stack>
      {!open ? (
        <Alert color="yellow" title="Teams form during team formation" role="status">
          Come back when {week.name} is in team formation.
        </Alert>
      ) : (
        <Form method="post">
          <Stack gap="md">
            <FormAlert message={actionData?.formError} />
            <TextInput
              label="Team name"
              name="name"
              required
              maxLength={80}
              defaultValue={values.name ?? idea.title.slice(0, 80)}
              error={errors.name?.[0]}
            />
            <Textarea
              label="What the team will do"
              name="description"
              autosize
              minRows={3}
              maxLength={2000}
              defaultValue={values.description}
              error={errors.description?.[0]}
            />
            <TagsField
              name="openRoles"
              label="Skills you are looking for"
              description="Open roles: people with these skills (or wanting to learn them) will see your team first."
              defaultValue={values.openRoles ?? idea.skills.join(",")}
              suggestions={loaderData.suggestions}
              error={errors.openRoles?.[0]}
            />
            <TextInput
              type="number"
              inputMode="numeric"
              step={1}
              label="Capacity"
              name="capacity"
              required
              min={week.min}
              max={week.max}
              defaultValue={values.capacity ? Number(values.capacity) : week.max}
              description={`Between ${week.min} and ${week.max} people, you included.`}
              error={errors.capacity?.[0]}
              w={{ base: "100%", sm: 220 }}
            />
            <NativeSelect
              label="Team lead"
              name="leadId"
              defaultValue={values.leadId ?? String(viewerId === idea.authorId ? viewerId : idea.authorId)}
              description="You can let someone who follows your idea lead it instead."
              error={errors.leadId?.[0]}
              data={leads.map((l) => ({ value: String(l.id), label: l.id === viewerId ? `${l.name} (you)` : l.name }))}
            />
            <Button type="submit" w="fit-content" loading={navigation.state === "submitting"}>
              Start the team
            </Button>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}
