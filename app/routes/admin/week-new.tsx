import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link, redirect } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { WeekForm } from "~/components/WeekForm";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { createWeek } from "~/weeks/admin.server";
import { isValidTimeZone } from "~/weeks/timezone";
import { newWeekFormValues, WeekFormSchema, weekFormMeta } from "~/weeks/week-form.server";
import { listWeeks } from "~/weeks/weeks.server";
import type { Route } from "./+types/week-new";

const DEFAULT_TIME_ZONE = "Europe/Berlin";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  // Editions usually run on the same clock: start from the latest week's zone.
  const [latest] = await listWeeks(args.context.get(dbContext));
  const timeZone = latest && isValidTimeZone(latest.timeZone) ? latest.timeZone : DEFAULT_TIME_ZONE;
  return { meta: weekFormMeta(timeZone), defaults: newWeekFormValues(timeZone) };
}

export async function action(args: Route.ActionArgs) {
  const organiser = requireOrganiser(args);
  const formData = await readFormData(args.request, 200_000);
  const parsed = parseForm(formData, WeekFormSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await createWeek(
    args.context.get(dbContext),
    { id: organiser.id, requestId: args.context.get(requestInfoContext).requestId },
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

export function meta() {
  return [{ title: "New week · Admin · Expedition" }];
}

export default function NewWeek({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to="/admin/weeks" size="sm">
          ← All weeks
        </Anchor>
        <Title order={1}>New week</Title>
        <Text c="dimmed">Set the dates and rules of an exploration week. Until pitching opens, only its page is visible.</Text>
      </Stack>
      <WeekForm
        meta={loaderData.meta}
        values={actionData?.values ?? loaderData.defaults}
        errors={actionData?.errors}
        formError={actionData?.formError}
        submitLabel="Create week"
        cancelTo="/admin/weeks"
      />
    </Stack>
  );
}
