import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { data, Form, Link, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { dbContext, requestInfoContext } from "~/context";
import { idParam } from "~/ideas/params";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { useResetKey } from "~/lib/use-reset-key";
import { CorrectEntry, ImpactFields, OutcomeFields } from "~/outcomes/components";
import { CheckpointTable, ImpactSeriesList, OutcomeStatusBadge, OutcomeTimeline } from "~/outcomes/display";
import {
  correctImpactMeasurement,
  correctOutcomeUpdate,
  deleteImpactMeasurement,
  deleteOutcomeUpdate,
  getDemoOutcome,
  recordImpactMeasurement,
  recordOutcomeUpdate,
} from "~/outcomes/outcomes.server";
import { OutcomeActionSchema } from "~/outcomes/schemas.server";
import { outcomeView } from "~/outcomes/view.server";
import type { Route } from "./+types/record";

function actorOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  return { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
}

export async function loader(args: Route.LoaderArgs) {
  const actor = actorOf(args);
  const outcome = await getDemoOutcome(args.context.get(dbContext), idParam(args.params.demoId, "demo"), actor);
  if (!outcome) throw data({ message: "That demo does not exist." }, { status: 404 });
  return { demo: outcome.demo, week: outcome.week, outcome: outcomeView(outcome) };
}

const DONE: Record<string, string> = {
  outcome: "Outcome update recorded.",
  impact: "Impact figure recorded.",
  "correct-outcome": "The outcome update was corrected (recorded in the audit log).",
  "correct-impact": "The measurement was corrected (recorded in the audit log).",
  "delete-outcome": "The outcome update was deleted (recorded in the audit log).",
  "delete-impact": "The measurement was deleted (recorded in the audit log).",
};

export async function action(args: Route.ActionArgs) {
  const actor = actorOf(args);
  const demoId = idParam(args.params.demoId, "demo");
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 100_000);
  const parsed = parseForm(formData, OutcomeActionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  const result = await (() => {
    switch (input.intent) {
      case "outcome":
        return recordOutcomeUpdate(db, actor, demoId, input);
      case "impact":
        return recordImpactMeasurement(db, actor, demoId, input);
      case "correct-outcome":
        return correctOutcomeUpdate(db, actor, demoId, input.id, input);
      case "correct-impact":
        return correctImpactMeasurement(db, actor, demoId, input.id, input);
      case "delete-outcome":
        return deleteOutcomeUpdate(db, actor, demoId, input.id);
      case "delete-impact":
        return deleteImpactMeasurement(db, actor, demoId, input.id);
    }
  })();
  if (!result.ok) {
    return formFailure(
      formData,
      result.field ? { errors: { [result.field]: [result.message] } } : { formError: result.message },
      result.status,
    );
  }
  return {
    ok: true as const,
    intent: input.intent,
    message: DONE[input.intent] ?? "Saved.",
    errors: {},
    values: {} as Record<string, string>,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Outcome of ${data.demo.title} · Expedition` : "Outcome · Expedition" }];
}

export default function OutcomePage({ loaderData, actionData }: Route.ComponentProps) {
  const { demo, week, outcome } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedIntent = failed?.values.intent;
  const failedId = failed?.values.id;
  // After a success the add forms remount empty; after a failure they keep what was typed.
  const resetKey = useResetKey(actionData?.ok ? actionData : undefined);
  const valuesFor = (intent: string, id?: number) =>
    failed && failedIntent === intent && (id === undefined || failedId === String(id)) ? failed.values : {};
  const errorsFor = (intent: string, id?: number) =>
    failed && failedIntent === intent && (id === undefined || failedId === String(id)) ? failed.errors : {};
  const { viewer } = outcome;
  const formError =
    failed?.formError ?? (failed && Object.keys(failed.errors).length ? "Please correct the fields marked below." : null);

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Anchor component={Link} to={`/demos/${demo.id}`} size="sm">
          ← {demo.title}
        </Anchor>
        <Title order={1}>Outcome and impact</Title>
        <Text>
          What became of{" "}
          <Anchor component={Link} to={`/demos/${demo.id}`} underline="always">
            {demo.title}
          </Anchor>{" "}
          by{" "}
          <Anchor component={Link} to={`/teams/${demo.teamId}`}>
            {demo.teamName}
          </Anchor>{" "}
          ({week.name}).
        </Text>
        <Group gap="xs">
          <Text size="sm">Current status:</Text>
          <OutcomeStatusBadge status={outcome.status} />
        </Group>
      </Stack>

      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert message={formError} />

      {!outcome.publishedAt ? (
        <Alert color="blue" variant="light" title="Not open yet">
          Outcomes and impact figures can be recorded once the results of {week.name} are published. Until then there is nothing
          to follow up.
        </Alert>
      ) : viewer.canRecord ? null : (
        <Alert color="gray" variant="light" title="Read only">
          Only members of {demo.teamName} and organisers record this demo's outcome and impact. You can follow what became of it
          here.
        </Alert>
      )}

      {outcome.checkpoints ? (
        <Stack gap="xs" component="section" aria-labelledby="checkpoints-heading">
          <Title order={2} size="h3" id="checkpoints-heading">
            Follow-up checkpoints
          </Title>
          <Text size="sm" c="dimmed">
            30, 90 and 180 days after the results the team is reminded to update the outcome and figures. Anything recorded from
            two weeks before a checkpoint counts for it.
          </Text>
          <CheckpointTable checkpoints={outcome.checkpoints} />
        </Stack>
      ) : null}

      {viewer.canRecord ? (
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <Card withBorder padding="md" component="section" aria-labelledby="add-outcome-heading" miw={300}>
            <Form method="post" key={`outcome-${resetKey}`}>
              <Hidden name="intent" value="outcome" />
              <Stack gap="sm">
                <Title order={2} size="h3" id="add-outcome-heading">
                  Add an outcome update
                </Title>
                <OutcomeFields
                  values={valuesFor("outcome")}
                  errors={errorsFor("outcome")}
                  dates={outcome.dates}
                  idPrefix="add-outcome"
                />
                <Button type="submit" loading={busy && navigation.formData?.get("intent") === "outcome"}>
                  Add the update
                </Button>
              </Stack>
            </Form>
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="add-impact-heading" miw={300}>
            <Form method="post" key={`impact-${resetKey}`}>
              <Hidden name="intent" value="impact" />
              <Stack gap="sm">
                <Title order={2} size="h3" id="add-impact-heading">
                  Record an impact figure
                </Title>
                <ImpactFields
                  values={valuesFor("impact")}
                  errors={errorsFor("impact")}
                  dates={outcome.dates}
                  idPrefix="add-impact"
                />
                <Button type="submit" loading={busy && navigation.formData?.get("intent") === "impact"}>
                  Record the figure
                </Button>
              </Stack>
            </Form>
          </Card>
        </Group>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby="impact-heading">
        <Title order={2} size="h3" id="impact-heading">
          Impact figures
        </Title>
        <ImpactSeriesList
          series={outcome.series}
          renderControls={
            viewer.isOrganiser
              ? (m) => (
                  <CorrectEntry
                    id={m.id}
                    what="measurement"
                    correctIntent="correct-impact"
                    deleteIntent="delete-impact"
                    deleteConfirm="Delete this measurement? The audit log keeps a copy."
                    open={failedIntent === "correct-impact" && failedId === String(m.id)}
                  >
                    <ImpactFields
                      values={
                        failedIntent === "correct-impact" && failedId === String(m.id)
                          ? valuesFor("correct-impact", m.id)
                          : {
                              kind: m.kind,
                              metric: m.metric,
                              unit: m.kind === "custom" ? m.unit : "",
                              currency: m.kind === "money_saved" ? m.unit : "",
                              baseline: m.baseline === null ? "" : String(m.baseline),
                              value: String(m.value),
                              measuredOn: m.measuredOn,
                              evidenceUrl: m.evidenceUrl,
                              note: m.note,
                            }
                      }
                      errors={errorsFor("correct-impact", m.id)}
                      dates={outcome.dates}
                      idPrefix={`correct-impact-${m.id}`}
                    />
                  </CorrectEntry>
                )
              : undefined
          }
        />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="timeline-heading">
        <Title order={2} size="h3" id="timeline-heading">
          Outcome timeline
        </Title>
        <OutcomeTimeline
          entries={outcome.timeline}
          renderControls={
            viewer.isOrganiser
              ? (e) => (
                  <CorrectEntry
                    id={e.id}
                    what="update"
                    correctIntent="correct-outcome"
                    deleteIntent="delete-outcome"
                    deleteConfirm="Delete this outcome update? The audit log keeps a copy."
                    open={failedIntent === "correct-outcome" && failedId === String(e.id)}
                  >
                    <OutcomeFields
                      values={
                        failedIntent === "correct-outcome" && failedId === String(e.id)
                          ? valuesFor("correct-outcome", e.id)
                          : {
                              status: e.status,
                              happenedOn: e.happenedOn,
                              note: e.note,
                              owningTeam: e.owningTeam,
                              lessons: e.lessons,
                            }
                      }
                      errors={errorsFor("correct-outcome", e.id)}
                      dates={outcome.dates}
                      idPrefix={`correct-outcome-${e.id}`}
                    />
                  </CorrectEntry>
                )
              : undefined
          }
        />
      </Stack>
    </Stack>
  );
}
