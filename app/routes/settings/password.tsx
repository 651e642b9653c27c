import { Alert, Button, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { eq } from "drizzle-orm";
import { Form, useNavigation } from "react-router";
import { changePassword } from "~/auth/accounts.server";
import { requireUser } from "~/auth/guards.server";
import { signInAndRedirect } from "~/auth/login.server";
import { PASSWORD_MIN } from "~/auth/rules";
import { ChangePasswordSchema } from "~/auth/schemas.server";
import { FormAlert } from "~/components/FormAlert";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { useResetKey } from "~/lib/use-reset-key";
import { passwordCredentials } from "~db/schema";
import type { Route } from "./+types/password";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const [credential] = await args.context
    .get(dbContext)
    .select({ updatedAt: passwordCredentials.updatedAt })
    .from(passwordCredentials)
    .where(eq(passwordCredentials.userId, user.id));
  const changed = new URL(args.request.url).searchParams.get("changed");
  return { hasPassword: Boolean(credential), changed: changed ? Number(changed) || 0 : null };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const formData = await readFormData(args.request, 20_000);
  const parsed = parseForm(formData, ChangePasswordSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const info = args.context.get(requestInfoContext);
  const outcome = await changePassword(args.context.get(dbContext), user.id, parsed.data, {
    ip: info.ip,
    requestId: info.requestId,
  });
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  // Every session ended, this one included; give this browser a fresh one.
  const ended = Math.max(0, outcome.value.endedSessions - 1);
  return signInAndRedirect(args.request, args.context, user.id, `/settings/password?changed=${ended}`);
}

export function meta() {
  return [{ title: "Change password · Expedition" }];
}

export default function ChangePassword({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const resetKey = useResetKey(actionData);
  const errors = actionData?.errors ?? {};
  if (!loaderData.hasPassword) {
    return (
      <Stack maw={480}>
        <Title order={1}>Password</Title>
        <Text>Your account signs in through single sign-on, so it has no Expedition password to change.</Text>
      </Stack>
    );
  }
  return (
    <Stack maw={480} gap="md">
      <Title order={1}>Change password</Title>
      {loaderData.changed !== null ? (
        <Alert color="teal" role="status" title="Password changed">
          Your password was changed.{" "}
          {loaderData.changed > 0
            ? `${loaderData.changed} other session${loaderData.changed === 1 ? " was" : "s were"} signed out.`
            : "No other sessions were open."}
        </Alert>
      ) : null}
      <Text c="dimmed" size="sm">
        Changing your password signs you out everywhere else.
      </Text>
      <Form method="post">
        <Stack gap="sm">
          <FormAlert message={actionData?.formError} />
          <PasswordInput
            label="Current password"
            name="currentPassword"
            key={`currentPassword-${resetKey}`}
            autoComplete="current-password"
            required
            error={errors.currentPassword?.[0]}
          />
          <PasswordInput
            label="New password"
            name="newPassword"
            key={`newPassword-${resetKey}`}
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={256}
            description={`At least ${PASSWORD_MIN} characters.`}
            error={errors.newPassword?.[0]}
          />
          <PasswordInput
            label="Repeat new password"
            name="confirmPassword"
            key={`confirmPassword-${resetKey}`}
            autoComplete="new-password"
            required
            error={errors.confirmPassword?.[0]}
          />
          <Button type="submit" loading={navigation.state === "submitting"} w="fit-content">
            Change password
          </Button>
        </Stack>
      </Form>
    </Stack>
  );
}
