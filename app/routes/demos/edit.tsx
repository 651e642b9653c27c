import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Image,
  Input,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { LocalTime } from "~/components/LocalTime";
import { TagsField } from "~/components/TagsField";
import { dbContext, requestInfoContext } from "~/context";
import { loadDemoEditor, MAX_IMAGES_PER_DEMO, saveDemo } from "~/demos/demos.server";
import { prepareImages } from "~/demos/images.server";
import { LINK_KINDS, LINK_LABELS, MAX_LINKS, parseDemoForm, REFLECTION_MAX } from "~/demos/schemas.server";
import { idParam } from "~/ideas/params";
import { echoValues, type FieldErrors } from "~/lib/forms.server";
import { MARKDOWN_MAX } from "~/lib/markdown.server";
import { useHydrated } from "~/lib/use-hydrated";
import type { Route } from "./+types/edit";

/** Five screenshots of 5 MB plus the text fields, with room for multipart overhead. */
const MAX_REQUEST_BYTES = 26 * 1024 * 1024;

function actorOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  return { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
}

export async function loader(args: Route.LoaderArgs) {
  const actor = actorOf(args);
  const editor = await loadDemoEditor(args.context.get(dbContext), actor, idParam(args.params.teamId, "team"));
  if (!editor) throw data({ message: "That team does not exist." }, { status: 404 });
  if (!editor.check.ok) throw data({ message: editor.check.message }, { status: editor.check.status });
  const { team, week, members, current } = editor;
  const reflections = new Map((current?.reflections ?? []).map((r) => [r.userId, r]));
  return {
    team: { id: team.id, name: team.name },
    week: { name: week.name, slug: week.slug, timeZone: week.timeZone },
    deadline: editor.deadline.toISOString(),
    demoId: current?.demo.id ?? null,
    values: {
      title: current?.demo.title ?? "",
      summary: current?.demo.summary ?? "",
      built: current?.demo.built ?? "",
      learnings: current?.demo.learnings ?? "",
      tags: current?.demo.tags.join(",") ?? "",
    } as Record<string, string>,
    links: current?.demo.links.map((l) => ({ kind: l.kind, url: l.url })) ?? [],
    members: members.map((m) => {
      const r = reflections.get(m.id);
      return {
        id: m.id,
        name: m.name,
        department: m.department,
        stretchGoal: r?.stretchGoal || m.stretchGoals.join(", "),
        reflection: r?.reflection ?? "",
        editable: m.id === actor.id || actor.isOrganiser,
      };
    }),
    images: (current?.images ?? []).map((i) => ({ id: i.id, width: i.width, height: i.height, alt: i.alt })),
    // Limits travel with the data: the component must not import server modules.
    limits: { links: MAX_LINKS, reflection: REFLECTION_MAX, markdown: MARKDOWN_MAX, images: MAX_IMAGES_PER_DEMO },
    linkKinds: LINK_KINDS.map((k) => ({ value: k, label: LINK_LABELS[k] })),
  };
}

type Failure = {
  ok: false;
  errors: FieldErrors;
  formError: string;
  values: Record<string, string>;
  links: Array<{ kind: string; url: string }>;
  removed: number[];
};

function failure(formData: FormData | null, errors: FieldErrors, message: string, status: number) {
  const filesChosen = formData?.getAll("screenshots").some((f) => typeof f !== "string" && f.size > 0) ?? false;
  const body: Failure = {
    ok: false,
    errors,
    formError: `${message}${filesChosen ? " Nothing was saved: choose your screenshots again (browsers forget chosen files after an error)." : " Nothing was saved."}`,
    values: formData ? echoValues(formData) : {},
    links: formData
      ? formData
          .getAll("linkUrl")
          .map((url, i) => ({ kind: String(formData.getAll("linkKind")[i] ?? "other"), url: String(url) }))
      : [],
    removed: formData
      ? formData
          .getAll("removeImage")
          .map(Number)
          .filter((n) => Number.isInteger(n))
      : [],
  };
  return data(body, { status });
}

export async function action(args: Route.ActionArgs) {
  const actor = actorOf(args);
  const teamId = idParam(args.params.teamId, "team");
  const length = Number(args.request.headers.get("content-length") ?? 0);
  if (length > MAX_REQUEST_BYTES) {
    return failure(
      null,
      { screenshots: ["Too large in total: at most 5 screenshots of 5 MB each."] },
      "That upload is too large.",
      413,
    );
  }
  let formData: FormData;
  try {
    formData = await args.request.formData();
  } catch {
    return failure(null, {}, "The form could not be read. Please submit it again.", 400);
  }
  const parsed = parseDemoForm(formData);
  if (!parsed.ok) return failure(formData, parsed.errors, "Please fix the fields marked below.", 400);

  const files = formData.getAll("screenshots").filter((f): f is File => typeof f !== "string");
  const prepared = await prepareImages(files);
  if (!prepared.ok) {
    return failure(formData, { screenshots: [prepared.message] }, prepared.message, prepared.status);
  }

  const db = args.context.get(dbContext);
  const { remove, alt, ...fields } = parsed.data;
  const outcome = await saveDemo(db, actor, teamId, {
    ...fields,
    images: { add: prepared.value, remove, alt },
  });
  if (!outcome.ok) {
    const field = outcome.field;
    return failure(formData, field ? { [field]: [outcome.message] } : {}, outcome.message, outcome.status);
  }
  throw redirect(`/demos/${outcome.value.id}?saved=1`);
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Demo of ${data.team.name} · Expedition` : "Demo · Expedition" }];
}

export default function EditDemo({ loaderData, actionData }: Route.ComponentProps) {
  const { team, week, members, images, limits } = loaderData;
  const failed = actionData && !actionData.ok ? (actionData as Failure) : null;
  const values = failed?.values ?? loaderData.values;
  const errors = failed?.errors ?? {};
  const links = failed?.links ?? loaderData.links;
  const [rows, setRows] = useState(() => Math.min(limits.links, Math.max(links.length + 1, 3)));
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const busy = navigation.state === "submitting";
  const isNew = loaderData.demoId === null;
  const removed = new Set(failed?.removed ?? []);
  const error = (key: string) => errors[key]?.[0];

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={4}>
        <Anchor component={Link} to={loaderData.demoId ? `/demos/${loaderData.demoId}` : `/teams/${team.id}`} size="sm">
          ← {loaderData.demoId ? "Back to the demo" : `Back to ${team.name}`}
        </Anchor>
        <Title order={1}>{isNew ? "Submit your demo" : "Edit your demo"}</Title>
        <Text size="sm" c="dimmed">
          {team.name} · {week.name} · members can edit until{" "}
          <LocalTime iso={loaderData.deadline} fallbackTimeZone={week.timeZone} />
        </Text>
      </Stack>

      <FormAlert message={failed?.formError} />

      <Form method="post" encType="multipart/form-data" noValidate>
        <Stack gap="md">
          <TextInput label="Title" name="title" required maxLength={120} defaultValue={values.title} error={error("title")} />
          <Textarea
            label="Summary"
            name="summary"
            description="One or two sentences: what it is and why it matters."
            required
            maxLength={300}
            autosize
            minRows={2}
            defaultValue={values.summary}
            error={error("summary")}
          />
          <Textarea
            label="The problem and what you built"
            name="built"
            description="Markdown."
            maxLength={limits.markdown}
            autosize
            minRows={5}
            defaultValue={values.built}
            error={error("built")}
          />
          <Textarea
            label="What we learned"
            name="learnings"
            description="Markdown. Each member adds their own reflection below."
            maxLength={limits.markdown}
            autosize
            minRows={4}
            defaultValue={values.learnings}
            error={error("learnings")}
          />

          <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={600} size="sm">
              Links
            </Text>
            <Text size="xs" c="dimmed">
              Video, repository, slides… Only http:// and https:// addresses. Up to {limits.links}.
            </Text>
            {error("links") ? (
              <Text size="sm" c="red" role="alert">
                {error("links")}
              </Text>
            ) : null}
            {Array.from({ length: rows }, (_, i) => (
              <Group key={i} align="flex-start" gap="xs" wrap="wrap" data-testid={`link-row-${i}`}>
                <NativeSelect
                  name="linkKind"
                  aria-label={`Link ${i + 1} kind`}
                  defaultValue={links[i]?.kind ?? (i === 0 ? "video" : i === 1 ? "repository" : "other")}
                  data={loaderData.linkKinds}
                  error={error(`linkKind.${i}`)}
                  w={150}
                />
                <TextInput
                  name="linkUrl"
                  type="url"
                  aria-label={`Link ${i + 1} address`}
                  placeholder="https://"
                  maxLength={2000}
                  defaultValue={links[i]?.url ?? ""}
                  error={error(`linkUrl.${i}`)}
                  style={{ flex: "1 1 20rem" }}
                />
              </Group>
            ))}
            {hydrated && rows < limits.links ? (
              <Button
                type="button"
                variant="subtle"
                size="compact-sm"
                w="fit-content"
                onClick={() => setRows((n) => Math.min(limits.links, n + 1))}
              >
                Add another link
              </Button>
            ) : null}
          </Stack>

          <TagsField name="tags" label="Tags" defaultValue={values.tags} suggestions={[]} error={error("tags")} />

          <Stack gap="sm" component="section" aria-labelledby="reflections-heading">
            <Title order={2} size="h4" id="reflections-heading">
              Reflections on stretch goals
            </Title>
            <Text size="sm" c="dimmed">
              Each member writes their own: what did you stretch into this week, and how did it go?
            </Text>
            {members.map((m) =>
              m.editable ? (
                <Card key={m.id} withBorder padding="sm">
                  <Stack gap="xs">
                    <Text fw={600} size="sm">
                      {m.name}{" "}
                      <Text span size="xs" c="dimmed">
                        {m.department}
                      </Text>
                    </Text>
                    <TextInput
                      label={`Stretch goal of ${m.name}`}
                      name={`stretchGoal-${m.id}`}
                      maxLength={200}
                      defaultValue={values[`stretchGoal-${m.id}`] ?? m.stretchGoal}
                      error={error(`stretchGoal-${m.id}`)}
                    />
                    <Textarea
                      label={`Reflection of ${m.name}`}
                      name={`reflection-${m.id}`}
                      maxLength={limits.reflection}
                      autosize
                      minRows={2}
                      defaultValue={values[`reflection-${m.id}`] ?? m.reflection}
                      error={error(`reflection-${m.id}`)}
                    />
                  </Stack>
                </Card>
              ) : (
                <Card key={m.id} withBorder padding="sm">
                  <Text fw={600} size="sm">
                    {m.name}{" "}
                    <Text span size="xs" c="dimmed">
                      {m.department}
                      {m.stretchGoal ? ` · stretching into ${m.stretchGoal}` : ""}
                    </Text>
                  </Text>
                  <Text size="sm" c={m.reflection ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap" }}>
                    {m.reflection || "No reflection yet."}
                  </Text>
                </Card>
              ),
            )}
          </Stack>

          <Stack gap="sm" component="section" aria-labelledby="screenshots-heading">
            <Title order={2} size="h4" id="screenshots-heading">
              Screenshots
            </Title>
            {images.length ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {images.map((img, i) => (
                  <Card key={img.id} withBorder padding="sm">
                    <Stack gap="xs">
                      <Image
                        src={`/demo-images/${img.id}`}
                        alt={img.alt || `Screenshot ${i + 1}`}
                        width={img.width ?? undefined}
                        height={img.height ?? undefined}
                        loading="lazy"
                        fit="contain"
                        h={160}
                      />
                      <TextInput
                        label={`Description of screenshot ${i + 1}`}
                        description="Alt text for people using screen readers."
                        name={`alt-${img.id}`}
                        maxLength={300}
                        defaultValue={values[`alt-${img.id}`] ?? img.alt}
                        error={error(`alt-${img.id}`)}
                      />
                      <Checkbox
                        name="removeImage"
                        value={String(img.id)}
                        label={`Remove screenshot ${i + 1}`}
                        defaultChecked={removed.has(img.id)}
                      />
                    </Stack>
                  </Card>
                ))}
              </SimpleGrid>
            ) : null}
            <Input.Wrapper
              label="Add screenshots"
              description={`PNG, JPEG or WebP, at most 5 MB each; ${limits.images} per demo in all.`}
              error={error("screenshots")}
              id="screenshots"
            >
              <input
                id="screenshots"
                type="file"
                name="screenshots"
                multiple
                accept="image/png,image/jpeg,image/webp"
                aria-describedby="screenshots-description"
                aria-invalid={Boolean(error("screenshots"))}
                style={{ display: "block", marginTop: 6 }}
              />
            </Input.Wrapper>
          </Stack>

          {failed ? (
            <Text size="sm" c="red.8">
              {failed.formError}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={busy}>
              {isNew ? "Submit demo" : "Save demo"}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Stack>
  );
}
