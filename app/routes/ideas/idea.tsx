import { Alert, Anchor, Badge, Button, Card, Divider, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconArrowForwardUp, IconBookmark, IconBookmarkFilled, IconEdit, IconMessage } from "@tabler/icons-react";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { LocalTime } from "~/components/LocalTime";
import { Markdown } from "~/components/Markdown";
import { dbContext, requestInfoContext } from "~/context";
import {
  addComment,
  carryOver,
  deleteComment,
  editComment,
  hideComment,
  loadIdeaPage,
  setFollow,
  withdrawIdea,
} from "~/ideas/ideas.server";
import { idParam } from "~/ideas/params";
import { IdeaActionSchema } from "~/ideas/schemas.server";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { COMMENT_RATE, takeRate } from "~/lib/rate-limit.server";
import { useResetKey } from "~/lib/use-reset-key";
import { PHASE_LABELS } from "~/weeks/phase";
import type { Route } from "./+types/idea";

function viewerOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  return { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
}

export async function loader(args: Route.LoaderArgs) {
  const viewer = viewerOf(args);
  const page = await loadIdeaPage(args.context.get(dbContext), viewer, idParam(args.params.ideaId, "idea"));
  if (!page) throw data({ message: "That idea does not exist, or it was withdrawn." }, { status: 404 });
  const { idea, week } = page;
  return {
    idea: {
      id: idea.id,
      title: idea.title,
      summary: idea.summary,
      problemHtml: renderMarkdown(idea.problem),
      proposalHtml: renderMarkdown(idea.proposal),
      learning: idea.learning,
      skills: idea.skills,
      tags: idea.tags,
      peopleWanted: idea.peopleWanted,
      followerCount: idea.followerCount,
      commentCount: idea.commentCount,
      status: idea.status,
      createdAt: idea.createdAt.toISOString(),
      authorId: idea.authorId,
    },
    authorName: page.authorName,
    department: page.department,
    week: { name: week.name, slug: week.slug, timeZone: week.timeZone, phaseLabel: PHASE_LABELS[page.phase] },
    following: page.following,
    team: page.team,
    history: page.history,
    permissions: page.permissions,
    viewerId: viewer.id,
    comments: page.comments.map((c) => {
      const removed = Boolean(c.deletedAt);
      const hidden = Boolean(c.hiddenAt) && !removed;
      const showBody = !removed && (!hidden || viewer.isOrganiser);
      return {
        id: c.id,
        authorId: c.authorId,
        authorName: c.authorName,
        createdAt: c.createdAt.toISOString(),
        edited: Boolean(c.editedAt),
        removed,
        hidden,
        hiddenReason: hidden && viewer.isOrganiser ? c.hiddenReason : null,
        body: showBody && c.authorId === viewer.id ? c.body : null,
        html: showBody ? renderMarkdown(c.body) : "",
      };
    }),
  };
}

const DONE: Record<string, string> = {
  follow: "You follow this idea.",
  unfollow: "You no longer follow this idea.",
  comment: "Comment posted.",
  "edit-comment": "Comment updated.",
  "delete-comment": "Comment deleted.",
  "hide-comment": "Comment hidden.",
  withdraw: "The idea was withdrawn. Only you and organisers can still see it.",
};

export async function action(args: Route.ActionArgs) {
  const viewer = viewerOf(args);
  const ideaId = idParam(args.params.ideaId, "idea");
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 100_000);
  const parsed = parseForm(formData, IdeaActionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  if (input.intent === "comment") {
    const rate = await takeRate(db, COMMENT_RATE, viewer.id);
    if (!rate.ok) return formFailure(formData, { errors: { body: [rate.message] } }, rate.status);
  }
  const outcome = await (() => {
    switch (input.intent) {
      case "follow":
      case "unfollow":
        return setFollow(db, viewer, ideaId, input.intent === "follow");
      case "comment":
        return addComment(db, viewer, ideaId, input.body);
      case "edit-comment":
        return editComment(db, viewer, ideaId, input.commentId, input.body);
      case "delete-comment":
        return deleteComment(db, viewer, ideaId, input.commentId);
      case "hide-comment":
        return hideComment(db, viewer, ideaId, input.commentId, input.reason);
      case "withdraw":
        return withdrawIdea(db, viewer, ideaId);
      case "carry-over":
        return carryOver(db, viewer, ideaId);
    }
  })();
  if (!outcome.ok) {
    const field = input.intent === "comment" ? "body" : input.intent === "hide-comment" ? "reason" : undefined;
    return formFailure(
      formData,
      field ? { errors: { [field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  if (input.intent === "carry-over" && "id" in outcome.value) throw redirect(`/ideas/${outcome.value.id}`);
  return {
    ok: true as const,
    message: DONE[input.intent] ?? "Done.",
    intent: input.intent,
    errors: {},
    values: {} as Record<string, string>,
    formError: undefined,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [
    { title: data ? `${data.idea.title} · ${data.week.name} · Expedition` : "Idea · Expedition" },
    { name: "description", content: data?.idea.summary ?? "" },
  ];
}

type LoaderData = Route.ComponentProps["loaderData"];

function Comment({
  comment,
  viewerId,
  canDiscuss,
  canModerate,
}: {
  comment: LoaderData["comments"][number];
  viewerId: number;
  canDiscuss: boolean;
  canModerate: boolean;
}) {
  const mine = comment.authorId === viewerId;
  return (
    <Card
      withBorder
      padding="sm"
      id={`comment-${comment.id}`}
      component="article"
      aria-label={`Comment by ${comment.authorName}`}
    >
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Anchor component={Link} to={`/people/${comment.authorId}`} fw={600} size="sm">
              {comment.authorName}
            </Anchor>
            <Text size="xs" c="dimmed">
              <LocalTime iso={comment.createdAt} />
              {comment.edited ? " · edited" : ""}
            </Text>
          </Group>
          {comment.hidden ? (
            <Badge color="orange" variant="light" size="sm">
              Hidden
            </Badge>
          ) : null}
        </Group>
        {comment.removed ? (
          <Text size="sm" c="dimmed" fs="italic">
            Comment removed by its author.
          </Text>
        ) : comment.hidden && !comment.html ? (
          <Text size="sm" c="dimmed" fs="italic">
            Comment hidden by an organiser.
          </Text>
        ) : (
          <Markdown html={comment.html} />
        )}
        {comment.hiddenReason ? (
          <Text size="xs" c="orange.9">
            Hidden because: {comment.hiddenReason}
          </Text>
        ) : null}
        {canDiscuss && mine && !comment.removed && !comment.hidden ? (
          <Group gap="xs" align="flex-start">
            <details>
              <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>Edit</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="edit-comment" />
                <input type="hidden" name="commentId" value={comment.id} />
                <Stack gap="xs" mt="xs">
                  <Textarea
                    name="body"
                    aria-label="Edit your comment"
                    defaultValue={comment.body ?? ""}
                    autosize
                    minRows={2}
                    maxLength={5000}
                    required
                  />
                  <Button type="submit" size="xs" w="fit-content">
                    Save comment
                  </Button>
                </Stack>
              </Form>
            </details>
            <Form method="post">
              <input type="hidden" name="intent" value="delete-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <Button type="submit" size="compact-xs" variant="subtle" color="red">
                Delete
              </Button>
            </Form>
          </Group>
        ) : null}
        {canModerate && !comment.removed && !comment.hidden ? (
          <details>
            <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-xs)" }}>Hide (organiser)</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="hide-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <Group gap="xs" mt="xs" align="flex-end">
                <TextInput name="reason" label="Reason" required minLength={3} maxLength={300} size="xs" />
                <Button type="submit" size="xs" color="orange">
                  Hide comment
                </Button>
              </Group>
            </Form>
          </details>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function IdeaPage({ loaderData, actionData }: Route.ComponentProps) {
  const { idea, week, permissions, comments, history } = loaderData;
  const navigation = useNavigation();
  const resetKey = useResetKey(actionData?.ok && actionData.intent === "comment" ? actionData : undefined);
  const failed = actionData && !actionData.ok ? actionData : null;
  const busy = navigation.state !== "idle";
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Anchor component={Link} to={`/weeks/${week.slug}/ideas`} size="sm">
            ← Ideas of {week.name}
          </Anchor>
          <Badge variant="light" color="gray">
            {week.phaseLabel}
          </Badge>
        </Group>
        <Group gap="sm" align="center">
          <Title order={1}>{idea.title}</Title>
          {idea.status === "withdrawn" ? <Badge color="gray">Withdrawn</Badge> : null}
        </Group>
        <Text size="lg">{idea.summary}</Text>
        <Text size="sm" c="dimmed">
          Pitched by{" "}
          <Anchor component={Link} to={`/people/${idea.authorId}`} underline="always">
            {loaderData.authorName}
          </Anchor>{" "}
          ({loaderData.department}) · <LocalTime iso={idea.createdAt} fallbackTimeZone={week.timeZone} />
        </Text>
      </Stack>

      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert message={failed?.formError} />

      <Group gap="sm">
        {permissions.discuss ? (
          <Form method="post">
            <input type="hidden" name="intent" value={loaderData.following ? "unfollow" : "follow"} />
            <Button
              type="submit"
              variant={loaderData.following ? "light" : "filled"}
              leftSection={loaderData.following ? <IconBookmarkFilled size={16} /> : <IconBookmark size={16} />}
              disabled={busy}
            >
              {loaderData.following ? "Following" : "Follow"} · {idea.followerCount}
            </Button>
          </Form>
        ) : (
          <Text size="sm" c="dimmed">
            {idea.followerCount} follower{idea.followerCount === 1 ? "" : "s"}
          </Text>
        )}
        {permissions.edit ? (
          <Button component={Link} to={`/ideas/${idea.id}/edit`} variant="default" leftSection={<IconEdit size={16} />}>
            Edit
          </Button>
        ) : null}
        {permissions.edit ? (
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm("Withdraw this idea? It disappears from the board; you and organisers can still see it."))
                event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="withdraw" />
            <Button type="submit" variant="subtle" color="red">
              Withdraw
            </Button>
          </Form>
        ) : null}
        {permissions.carryOverTo ? (
          <Form method="post">
            <input type="hidden" name="intent" value="carry-over" />
            <Button type="submit" variant="light" leftSection={<IconArrowForwardUp size={16} />}>
              Carry over to {permissions.carryOverTo.name}
            </Button>
          </Form>
        ) : null}
      </Group>

      {history.length ? (
        <Card withBorder padding="sm" aria-label="History">
          <Stack gap={4}>
            {history.map((h) => (
              <Text key={h.id} size="sm">
                {h.direction === "from" ? "Carried over from " : "Carried over to "}
                <Anchor component={Link} to={`/ideas/${h.id}`}>
                  {h.title}
                </Anchor>{" "}
                ({h.weekName})
              </Text>
            ))}
          </Stack>
        </Card>
      ) : null}

      {loaderData.team ? (
        <Alert color="teal" variant="light" title="A team formed around this idea">
          <Anchor component={Link} to={`/teams/${loaderData.team.id}`} underline="always">
            {loaderData.team.name}
          </Anchor>
        </Alert>
      ) : permissions.startTeam ? (
        <Group>
          <Button component={Link} to={`/ideas/${idea.id}/team`} variant="light">
            Start a team around this idea
          </Button>
        </Group>
      ) : null}

      {idea.problemHtml ? (
        <Stack gap="xs">
          <Title order={2} size="h3">
            The problem
          </Title>
          <Markdown html={idea.problemHtml} />
        </Stack>
      ) : null}
      {idea.proposalHtml ? (
        <Stack gap="xs">
          <Title order={2} size="h3">
            The proposal
          </Title>
          <Markdown html={idea.proposalHtml} />
        </Stack>
      ) : null}
      {idea.learning ? (
        <Stack gap="xs">
          <Title order={2} size="h3">
            What you could learn
          </Title>
          <Text style={{ whiteSpace: "pre-wrap" }}>{idea.learning}</Text>
        </Stack>
      ) : null}
      <Group gap="xl" align="flex-start">
        <Stack gap={6}>
          <Title order={2} size="h5">
            Skills needed
          </Title>
          <Group gap={4}>
            {idea.skills.length ? (
              idea.skills.map((s) => (
                <Badge
                  key={s}
                  component={Link}
                  to={`/weeks/${week.slug}/ideas?skill=${encodeURIComponent(s)}`}
                  style={{ cursor: "pointer" }}
                >
                  {s}
                </Badge>
              ))
            ) : (
              <Text size="sm" c="dimmed">
                None listed
              </Text>
            )}
          </Group>
        </Stack>
        {idea.tags.length ? (
          <Stack gap={6}>
            <Title order={2} size="h5">
              Themes
            </Title>
            <Group gap={4}>
              {idea.tags.map((t) => (
                <Badge
                  key={t}
                  variant="outline"
                  component={Link}
                  to={`/weeks/${week.slug}/ideas?tag=${encodeURIComponent(t)}`}
                  style={{ cursor: "pointer" }}
                >
                  {t}
                </Badge>
              ))}
            </Group>
          </Stack>
        ) : null}
        <Stack gap={6}>
          <Title order={2} size="h5">
            Looking for
          </Title>
          <Text size="sm">
            {idea.peopleWanted > 0
              ? `${idea.peopleWanted} more ${idea.peopleWanted === 1 ? "person" : "people"}`
              : "Nobody right now"}
          </Text>
        </Stack>
      </Group>

      <Divider />
      <Stack gap="sm" component="section" aria-labelledby="comments-heading">
        <Group gap="xs">
          <IconMessage size={20} aria-hidden />
          <Title order={2} size="h3" id="comments-heading">
            Comments ({idea.commentCount})
          </Title>
        </Group>
        {comments.length === 0 ? <Text c="dimmed">No comments yet. Ask a question or offer to help.</Text> : null}
        {comments.map((c) => (
          <Comment
            key={c.id}
            comment={c}
            viewerId={loaderData.viewerId}
            canDiscuss={permissions.discuss}
            canModerate={permissions.moderate}
          />
        ))}
        {permissions.discuss ? (
          <Form method="post" key={resetKey}>
            <input type="hidden" name="intent" value="comment" />
            <Stack gap="xs">
              <Textarea
                name="body"
                label="Add a comment"
                description="Markdown works. Be kind and specific."
                autosize
                minRows={3}
                maxLength={5000}
                required
                defaultValue={failed?.values.body}
                error={failed?.errors.body?.[0]}
              />
              <Button type="submit" w="fit-content" loading={busy && navigation.formData?.get("intent") === "comment"}>
                Post comment
              </Button>
            </Stack>
          </Form>
        ) : (
          <Text size="sm" c="dimmed">
            {idea.status === "withdrawn"
              ? "This idea was withdrawn; comments are closed."
              : `${week.name} is archived; comments are closed.`}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
