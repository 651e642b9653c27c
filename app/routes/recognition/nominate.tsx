import { Alert, Anchor, Button, NativeSelect, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { eq, sql } from "drizzle-orm";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { SelectOnDemand } from "~/components/lazy/LazyCombo";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { useCarriedValue } from "~/lib/use-carried-value";
import { useHydrated } from "~/lib/use-hydrated";
import { createNomination, nominablePeople, weekOptions } from "~/recognition/nominations.server";
import {
  NOMINATION_KIND_EXPLANATIONS,
  NOMINATION_KIND_LABELS,
  NOMINATION_KINDS,
  REASON_MAX,
  REASON_MIN,
} from "~/recognition/rules";
import { NominateSchema } from "~/recognition/schemas.server";
import { teamMembers, teams, weeks } from "~db/schema";
import type { Route } from "./+types/nominate";

const idFrom = (value: string | null) => (value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null);

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const params = new URL(args.request.url).searchParams;
  const teamParam = params.get("team");
  if (teamParam !== null) {
    const teamId = idFrom(teamParam);
    const [team] = teamId
      ? await db
          .select({
            id: teams.id,
            name: teams.name,
            weekName: weeks.name,
            mine: sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.userId} = ${user.id})`,
          })
          .from(teams)
          .innerJoin(weeks, eq(weeks.id, teams.weekId))
          .where(eq(teams.id, teamId))
      : [];
    if (!team) throw data({ message: "That team does not exist." }, { status: 404 });
    return { mode: "team" as const, team, people: [], weeks: [], preselectedUserId: null, selfRequested: false };
  }
  const [people, weekList] = await Promise.all([nominablePeople(db, user.id), weekOptions(db)]);
  const wanted = idFrom(params.get("user"));
  return {
    mode: "user" as const,
    team: null,
    people,
    weeks: weekList,
    preselectedUserId: wanted && people.some((p) => p.id === wanted) ? wanted : null,
    selfRequested: wanted === user.id,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const actor = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const formData = await readFormData(args.request, 50_000);
  const parsed = parseForm(formData, NominateSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  const outcome = await createNomination(db, actor, {
    kind: input.kind,
    reason: input.reason,
    nominee:
      input.nomineeType === "team"
        ? { type: "team", teamId: input.teamId ?? 0 }
        : { type: "user", userId: input.userId ?? 0, weekId: input.weekId ?? null },
  });
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  throw redirect(`/nominations?made=${outcome.value.id}#nomination-${outcome.value.id}`);
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data?.team ? `Nominate ${data.team.name} · Expedition` : "Nominate someone · Expedition" }];
}

export default function Nominate({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const { team } = loaderData;
  const personOptions = loaderData.people.map((p) => ({ value: String(p.id), label: `${p.name} — ${p.department}` }));
  const chosenUser = values.userId ?? (loaderData.preselectedUserId ? String(loaderData.preselectedUserId) : "");

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        <Anchor component={Link} to="/nominations" size="sm">
          ← Nominations
        </Anchor>
        <Title order={1}>{team ? `Nominate ${team.name}` : "Nominate someone"}</Title>
        <Text c="dimmed">
          Recommend a person or a team for recognition. The organisers decide, and you will see what became of it under
          Nominations. The nominee hears about it once it is accepted.
        </Text>
      </Stack>

      {team?.mine ? (
        <Alert color="yellow" role="status" title="This is your own team">
          You are a member of {team.name}, so you cannot nominate your own team. Ask someone outside the team to nominate it.
        </Alert>
      ) : (
        <Form method="post">
          <Stack gap="md">
            <FormAlert message={actionData?.formError} />
            {team ? (
              <>
                <Hidden name="nomineeType" value="team" />
                <Hidden name="teamId" value={team.id} />
                <Text>
                  Team:{" "}
                  <Anchor component={Link} to={`/teams/${team.id}`} fw={600} underline="always">
                    {team.name}
                  </Anchor>{" "}
                  ({team.weekName})
                </Text>
                {errors.teamId?.[0] ? (
                  <Text c="red" size="sm" role="alert">
                    {errors.teamId[0]}
                  </Text>
                ) : null}
              </>
            ) : (
              <>
                <Hidden name="nomineeType" value="user" />
                {loaderData.selfRequested ? (
                  <Alert color="yellow" role="status">
                    You cannot nominate yourself. Ask a colleague or a leader to nominate you.
                  </Alert>
                ) : null}
                <PersonField hydrated={hydrated} options={personOptions} defaultValue={chosenUser} error={errors.userId?.[0]} />
                <NativeSelect
                  name="weekId"
                  label="Week (optional)"
                  description="The exploration week the nomination is about, if any."
                  defaultValue={values.weekId ?? ""}
                  error={errors.weekId?.[0]}
                  data={[
                    { value: "", label: "No particular week" },
                    ...loaderData.weeks.map((w) => ({ value: String(w.id), label: w.name })),
                  ]}
                />
              </>
            )}

            <Radio.Group name="kind" label="Nominate for" required defaultValue={values.kind ?? ""} error={errors.kind?.[0]}>
              <Stack gap="xs" mt={6}>
                {NOMINATION_KINDS.map((k) => (
                  <Radio key={k} value={k} label={NOMINATION_KIND_LABELS[k]} description={NOMINATION_KIND_EXPLANATIONS[k]} />
                ))}
              </Stack>
            </Radio.Group>

            <Textarea
              name="reason"
              label="Why?"
              description={`What did they do, and why does it deserve this? ${REASON_MIN}–${REASON_MAX.toLocaleString("en")} characters; the organisers read it, and it shows on portfolios once accepted.`}
              required
              autosize
              minRows={4}
              maxLength={REASON_MAX}
              defaultValue={values.reason ?? ""}
              error={errors.reason?.[0]}
            />
            <Button type="submit" w="fit-content" loading={navigation.state === "submitting"}>
              Send nomination
            </Button>
          </Stack>
        </Form>
      )}
    </Stack>
  );
}

/**
 * A plain select (no JavaScript, and while the searchable one loads), then a searchable one that starts
 * with whatever was chosen in the plain one.
 */
function PersonField(props: {
  hydrated: boolean;
  options: { value: string; label: string }[];
  defaultValue: string;
  error?: string;
}) {
  const carried = useCarriedValue<HTMLSelectElement>(props.defaultValue);
  const plain = (
    <NativeSelect
      {...carried.plainProps}
      name="userId"
      label="Person"
      required
      error={props.error}
      data={[{ value: "", label: "Choose a person", disabled: true }, ...props.options]}
    />
  );
  if (!props.hydrated) return plain;
  return (
    <SelectOnDemand
      fallback={plain}
      name="userId"
      label="Person"
      description="Type to search by name or department."
      placeholder="Choose a person"
      searchable
      required
      data={props.options}
      defaultValue={carried.value || null}
      nothingFoundMessage="Nobody by that name"
      error={props.error}
    />
  );
}
