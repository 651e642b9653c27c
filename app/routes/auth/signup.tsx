import { Anchor, Button, NativeSelect, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { asc } from "drizzle-orm";
import { Form, Link, redirect, useNavigation } from "react-router";
import { signUp } from "~/auth/accounts.server";
import { getUser, safeRedirect } from "~/auth/guards.server";
import { signInAndRedirect } from "~/auth/login.server";
import { PASSWORD_MIN } from "~/auth/rules";
import { SignUpSchema } from "~/auth/schemas.server";
import { AuthCard } from "~/components/AuthCard";
import { FormAlert } from "~/components/FormAlert";
import { dbContext, requestInfoContext } from "~/context";
import { env } from "~/env.server";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { SIGN_UP_RATE, takeRate } from "~/lib/rate-limit.server";
import { useResetKey } from "~/lib/use-reset-key";
import { departments } from "~db/schema";
import type { Route } from "./+types/signup";

export async function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (getUser(context)) throw redirect(redirectTo);
  const rows = await context
    .get(dbContext)
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .orderBy(asc(departments.name));
  return { redirectTo, departments: rows, allowedDomains: env().ALLOWED_EMAIL_DOMAINS };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request, 20_000);
  const parsed = parseForm(formData, SignUpSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const rate = await takeRate(context.get(dbContext), SIGN_UP_RATE, context.get(requestInfoContext).ip);
  if (!rate.ok) return formFailure(formData, { formError: rate.message }, rate.status);
  const outcome = await signUp(context.get(dbContext), parsed.data, { allowedDomains: env().ALLOWED_EMAIL_DOMAINS });
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  return signInAndRedirect(request, context, outcome.value.userId, parsed.data.redirectTo);
}

export function meta() {
  return [{ title: "Create an account · Expedition" }];
}

export default function Signup({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const resetKey = useResetKey(actionData);
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const domains = loaderData.allowedDomains;
  return (
    <AuthCard title="Create your Expedition account" subtitle="Everyone in the organisation can pitch, join and vote.">
      <Form method="post">
        <Stack gap="sm">
          <FormAlert message={actionData?.formError} />
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <TextInput
            label="Full name"
            name="name"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={values.name}
            error={errors.name?.[0]}
          />
          <TextInput
            label="Work email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={values.email}
            error={errors.email?.[0]}
            description={domains.length ? `Use your ${domains.map((d) => `@${d}`).join(" or ")} address.` : undefined}
          />
          <NativeSelect
            label="Department"
            name="departmentId"
            required
            defaultValue={values.departmentId ?? ""}
            error={errors.departmentId?.[0]}
            data={[
              { value: "", label: "Choose your department…", disabled: true },
              ...loaderData.departments.map((d) => ({ value: String(d.id), label: d.name })),
            ]}
          />
          <PasswordInput
            label="Password"
            name="password"
            key={`password-${resetKey}`}
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={256}
            description={`At least ${PASSWORD_MIN} characters, and not your email.`}
            error={errors.password?.[0]}
          />
          <Button type="submit" fullWidth loading={navigation.state === "submitting"}>
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{" "}
            <Anchor component={Link} to="/login">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </Form>
    </AuthCard>
  );
}
