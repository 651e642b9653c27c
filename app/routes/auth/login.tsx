import { Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { IconBuildingSkyscraper } from "@tabler/icons-react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { signIn } from "~/auth/accounts.server";
import { getUser, safeRedirect } from "~/auth/guards.server";
import { signInAndRedirect } from "~/auth/login.server";
import { SignInSchema } from "~/auth/schemas.server";
import { AuthCard } from "~/components/AuthCard";
import { FormAlert } from "~/components/FormAlert";
import { dbContext, requestInfoContext } from "~/context";
import { env, oidcConfigured } from "~/env.server";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { useResetKey } from "~/lib/use-reset-key";
import type { Route } from "./+types/login";

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (getUser(context)) throw redirect(redirectTo);
  const e = env();
  return {
    redirectTo,
    sso: oidcConfigured(e) ? { name: e.OIDC_NAME } : null,
    ssoError: url.searchParams.get("sso_error"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readFormData(request, 20_000);
  const parsed = parseForm(formData, SignInSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await signIn(context.get(dbContext), parsed.data, { ip: context.get(requestInfoContext).ip });
  if (!outcome.ok) {
    context.get(requestInfoContext).log.info({ status: outcome.status }, "sign-in refused");
    return formFailure(formData, { formError: outcome.message }, outcome.status);
  }
  return signInAndRedirect(request, context, outcome.value.userId, parsed.data.redirectTo);
}

export function meta() {
  return [{ title: "Sign in · Expedition" }];
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation();
  const resetKey = useResetKey(actionData);
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const redirectTo = loaderData.redirectTo;
  return (
    <AuthCard title="Sign in to Expedition" subtitle="Pitch, team up, explore, demo — and see what it became.">
      <Stack gap="md">
        <FormAlert
          message={actionData?.formError ?? (loaderData.ssoError ? `Single sign-on failed: ${loaderData.ssoError}` : null)}
        />
        {loaderData.sso ? (
          <>
            <Button
              component="a"
              href={`/auth/oidc/start?${new URLSearchParams({ redirectTo })}`}
              variant="default"
              leftSection={<IconBuildingSkyscraper size={18} />}
              fullWidth
            >
              Sign in with {loaderData.sso.name}
            </Button>
            <Divider label="or with your email" labelPosition="center" />
          </>
        ) : null}
        <Form method="post" noValidate={false}>
          <Stack gap="sm">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              defaultValue={values.email}
              error={errors.email?.[0]}
              autoFocus
            />
            <PasswordInput
              label="Password"
              name="password"
              key={`password-${resetKey}`}
              autoComplete="current-password"
              required
              maxLength={256}
              error={errors.password?.[0]}
            />
            <Button type="submit" fullWidth loading={navigation.state === "submitting"}>
              Sign in
            </Button>
          </Stack>
        </Form>
        <Text size="sm" ta="center">
          New here?{" "}
          <Anchor component={Link} to={redirectTo === "/" ? "/signup" : `/signup?${new URLSearchParams({ redirectTo })}`}>
            Create an account
          </Anchor>
        </Text>
      </Stack>
    </AuthCard>
  );
}
