import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { TagsField } from "~/components/TagsField";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { cachedSkillSuggestions, getPerson, listDepartments, updateProfile } from "~/people/people.server";
import { PROFILE_LIMITS, ProfileSchema } from "~/people/schemas.server";
import type { Route } from "./+types/profile";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const [person, departments, suggestions] = await Promise.all([
    getPerson(db, user.id),
    listDepartments(db),
    cachedSkillSuggestions(db),
  ]);
  if (!person) throw data({ message: "Your account could not be found." }, { status: 404 });
  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      bio: person.bio,
      departmentId: String(person.departmentId),
      skills: person.skills.join(", "),
      stretchGoals: person.stretchGoals.join(", "),
      mentorOffer: person.mentorOffer,
      mentorAvailability: person.mentorAvailability,
    },
    departments: departments.map((d) => ({ value: String(d.id), label: d.name })),
    suggestions,
    limits: PROFILE_LIMITS,
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const formData = await readFormData(args.request, 60_000);
  const parsed = parseForm(formData, ProfileSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const outcome = await updateProfile(
    args.context.get(dbContext),
    { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId },
    user.id,
    parsed.data,
  );
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  throw redirect(`/people/${user.id}?saved=1`);
}

export function meta() {
  return [{ title: "Edit profile · Expedition" }];
}

export default function EditProfile({ loaderData, actionData }: Route.ComponentProps) {
  const { person, departments, suggestions, limits } = loaderData;
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors = failed?.errors ?? {};
  const error = (field: string) => errors[field]?.[0];
  // After a refused save, show what was typed; otherwise what is saved.
  const value = (field: keyof typeof person) => failed?.values[field] ?? String(person[field]);
  const busy = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  return (
    <Stack maw={720} gap="md">
      <Stack gap={4}>
        <Title order={1}>Edit profile</Title>
        <Text c="dimmed" size="sm">
          Your profile is what others see in the{" "}
          <Anchor component={Link} to="/people" inherit underline="always">
            people directory
          </Anchor>{" "}
          when they look for someone who knows — or wants to learn — something.
        </Text>
      </Stack>
      {/* Remount after each refused save so the fields show exactly what was sent. */}
      <Form method="post" key={failed ? JSON.stringify(failed.values) : "saved"}>
        <Stack gap="lg">
          <FormAlert
            message={
              failed ? (failed.formError ?? "Some fields need a change before your profile can be saved; see below.") : undefined
            }
          />
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                About you
              </Title>
              <TextInput
                label="Name"
                name="name"
                required
                maxLength={limits.name}
                autoComplete="name"
                defaultValue={value("name")}
                error={error("name")}
              />
              <TextInput
                label="Job title"
                name="title"
                maxLength={limits.title}
                autoComplete="organization-title"
                description="For example “Senior iOS Engineer”."
                defaultValue={value("title")}
                error={error("title")}
              />
              <NativeSelect
                label="Department"
                name="departmentId"
                required
                data={departments}
                description="Changing your department is recorded in the audit log."
                defaultValue={value("departmentId")}
                error={error("departmentId")}
              />
              <Textarea
                label="Bio"
                name="bio"
                autosize
                minRows={3}
                maxRows={12}
                maxLength={limits.bio}
                description={`A few sentences about your work and interests (up to ${limits.bio.toLocaleString("en")} characters).`}
                defaultValue={value("bio")}
                error={error("bio")}
              />
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Skills and stretch goals
              </Title>
              <TagsField
                name="skills"
                label="Skills"
                description={`What you know well, separated by commas (up to ${limits.tags}, each at most ${limits.tag} characters).`}
                defaultValue={value("skills")}
                suggestions={suggestions}
                error={error("skills")}
                maxTags={limits.tags}
              />
              <TagsField
                name="stretchGoals"
                label="Stretch goals"
                description={`Skills you want to grow during exploration week, separated by commas (up to ${limits.tags}).`}
                defaultValue={value("stretchGoals")}
                suggestions={suggestions}
                error={error("stretchGoals")}
                maxTags={limits.tags}
              />
            </Stack>
          </Card>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Mentoring
              </Title>
              <Text size="sm" c="dimmed">
                Mentors help teams with their expertise without taking a member's place. Leave these empty if you don't want to
                mentor this time.
              </Text>
              <Textarea
                label="I can mentor on…"
                name="mentorOffer"
                autosize
                minRows={2}
                maxRows={6}
                maxLength={limits.mentorOffer}
                description={`For example “payments APIs, fraud models, getting a first talk accepted” (up to ${limits.mentorOffer} characters).`}
                defaultValue={value("mentorOffer")}
                error={error("mentorOffer")}
              />
              <TextInput
                label="Availability"
                name="mentorAvailability"
                maxLength={limits.mentorAvailability}
                description="For example “Tuesday and Thursday afternoons, on chat or video”."
                defaultValue={value("mentorAvailability")}
                error={error("mentorAvailability")}
              />
            </Stack>
          </Card>
          <Group gap="sm">
            <Button type="submit" loading={busy}>
              Save profile
            </Button>
            <Button component={Link} to={`/people/${person.id}`} variant="default">
              Cancel
            </Button>
          </Group>
        </Stack>
      </Form>
    </Stack>
  );
}
