import { Anchor, Stack, Title } from "@mantine/core";
import { data, Link, redirect } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { IdeaForm } from "~/components/IdeaForm";
import { dbContext, requestInfoContext } from "~/context";
import { handleIdeaForm } from "~/ideas/form-action.server";
import { loadIdeaPage, updateIdea, usedTags } from "~/ideas/ideas.server";
import { idParam } from "~/ideas/params";
import { readFormData } from "~/lib/forms.server";
import type { Route } from "./+types/edit";

async function editable(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  const viewer = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const page = await loadIdeaPage(args.context.get(dbContext), viewer, idParam(args.params.ideaId, "idea"));
  if (!page) throw data({ message: "That idea does not exist." }, { status: 404 });
  if (!page.permissions.edit) {
    throw data(
      {
        message:
          page.isAuthor || viewer.isOrganiser
            ? "This idea can no longer be edited: pitching has closed."
            : "Only the idea's author or an organiser can edit it.",
      },
      { status: 403 },
    );
  }
  return { page, viewer };
}

export async function loader(args: Route.LoaderArgs) {
  const { page } = await editable(args);
  const db = args.context.get(dbContext);
  const [skills, tags] = await Promise.all([usedTags(db, "skills"), usedTags(db, "tags")]);
  const { idea } = page;
  return {
    id: idea.id,
    week: { name: page.week.name, slug: page.week.slug },
    values: {
      title: idea.title,
      summary: idea.summary,
      problem: idea.problem,
      proposal: idea.proposal,
      learning: idea.learning,
      skills: idea.skills.join(","),
      tags: idea.tags.join(","),
      peopleWanted: String(idea.peopleWanted),
    },
    suggestions: { skills, tags },
  };
}

export async function action(args: Route.ActionArgs) {
  const { page, viewer } = await editable(args);
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 200_000);
  const result = await handleIdeaForm(db, formData, (input) => updateIdea(db, viewer, page.idea.id, input), page.idea.id);
  if ("id" in result) throw redirect(`/ideas/${result.id}`);
  return result;
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Edit “${data.values.title}” · Expedition` : "Edit idea · Expedition" }];
}

export default function EditIdea({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <Stack gap="lg" maw={820}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/ideas/${loaderData.id}`} size="sm">
          ← Back to the idea
        </Anchor>
        <Title order={1}>Edit idea</Title>
      </Stack>
      <IdeaForm
        weekSlug={loaderData.week.slug}
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.errors ?? {}}
        formError={actionData?.formError}
        preview={actionData?.preview}
        similar={actionData?.similar}
        suggestions={loaderData.suggestions}
        submitLabel="Save changes"
        excludeIdeaId={loaderData.id}
      />
    </Stack>
  );
}
