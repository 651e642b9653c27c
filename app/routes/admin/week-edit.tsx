import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { Link, redirect } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { WeekForm } from "~/components/WeekForm";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { updateWeek } from "~/weeks/admin.server";
import { weekFormMeta, weekFormSchema, weekToFormValues } from "~/weeks/week-form.server";
import { requireWeekById } from "~/weeks/weeks.server";
import type { Route } from "./+types/week-edit";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const week = await requireWeekById(args.context.get(dbContext), args.params.weekId);
  return {
    week: { id: week.id, name: week.name, slug: week.slug },
    meta: weekFormMeta(week.timeZone),
    values: weekToFormValues(week),
  };
}

export async function action(args: Route.ActionArgs) {
  const organiser = requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const formData = await readFormData(args.request, 200_000);
  // Boundaries left as they were keep their exact stored instant.
  const parsed = parseForm(formData, weekFormSchema({ previous: week }));
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await updateWeek(
    db,
    { id: organiser.id, requestId: args.context.get(requestInfoContext).requestId },
    week.id,
    parsed.data,
  );
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  throw redirect(`/admin/weeks?${new URLSearchParams({ saved: outcome.value.slug })}`);
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Edit ${data.week.name} · Admin · Expedition` : "Edit week · Admin · Expedition" }];
}

export default function EditWeek({ loaderData, actionData }: Route.ComponentProps) {
  const { week } = loaderData;
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to="/admin/weeks" size="sm">
          ← All weeks
        </Anchor>
        <Title order={1}>Edit {week.name}</Title>
        <Group gap="xs">
          <Text c="dimmed">Changing dates moves the week's phase for everyone at once.</Text>
          <Anchor component={Link} to={`/weeks/${week.slug}`}>
            View the week's page
          </Anchor>
        </Group>
      </Stack>
      <WeekForm
        key={week.id}
        meta={loaderData.meta}
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.errors}
        formError={actionData?.formError}
        submitLabel="Save changes"
        cancelTo="/admin/weeks"
        editing
      />
    </Stack>
  );
}
