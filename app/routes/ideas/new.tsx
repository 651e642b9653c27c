import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import { data, Link, redirect } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { IdeaForm } from "~/components/IdeaForm";
import { dbContext, requestInfoContext } from "~/context";
import { handleIdeaForm } from "~/ideas/form-action.server";
import { pitchIdea, usedTags } from "~/ideas/ideas.server";
import { canPitch } from "~/ideas/rules";
import { readFormData } from "~/lib/forms.server";
import { PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/new";

async function loadWeek(args: { params: { slug: string }; context: Route.LoaderArgs["context"] }) {
  const week = await findWeekBySlug(args.context.get(dbContext), args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  return week;
}

export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const week = await loadWeek(args);
  const db = args.context.get(dbContext);
  const phase = phaseAt(week, new Date());
  const [skills, tags] = await Promise.all([usedTags(db, "skills"), usedTags(db, "tags")]);
  return {
    week: { name: week.name, slug: week.slug },
    open: canPitch(phase),
    phaseLabel: PHASE_LABELS[phase],
    suggestions: { skills, tags },
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const week = await loadWeek(args);
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 200_000);
  const viewer = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const result = await handleIdeaForm(db, formData, (input) => pitchIdea(db, viewer, week, input));
  if ("id" in result) throw redirect(`/ideas/${result.id}`);
  return result;
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Pitch an idea · ${data.week.name} · Expedition` : "Pitch an idea · Expedition" }];
}

export default function NewIdea({ loaderData, actionData }: Route.ComponentProps) {
  const { week, open, phaseLabel, suggestions } = loaderData;
  return (
    <Stack gap="lg" maw={820}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/weeks/${week.slug}/ideas`} size="sm">
          ← Ideas of {week.name}
        </Anchor>
        <Title order={1}>Pitch an idea</Title>
        <Text c="dimmed">
          Pitch what you would love to explore during {week.name}. Others can follow it, comment, and join you.
        </Text>
      </Stack>
      {open ? (
        <IdeaForm
          weekSlug={week.slug}
          values={actionData?.values ?? {}}
          errors={actionData?.errors ?? {}}
          formError={actionData?.formError}
          preview={actionData?.preview}
          similar={actionData?.similar}
          suggestions={suggestions}
          submitLabel="Publish idea"
        />
      ) : (
        <Alert color="yellow" title="Pitching is closed" role="status">
          {week.name} is in {phaseLabel.toLowerCase()}; ideas can be pitched during pitching and team formation.
        </Alert>
      )}
    </Stack>
  );
}
