import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconHistory } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { Form, Link, useFetcher, useNavigation } from "react-router";
import { FormAlert } from "./FormAlert";
import { Markdown } from "./Markdown";
import { TagsField } from "./TagsField";

export type IdeaFormValues = Partial<
  Record<"title" | "summary" | "problem" | "proposal" | "learning" | "skills" | "tags" | "peopleWanted", string>
>;

export type SimilarIdea = { id: number; title: string; summary: string; weekName: string; score: number; outcome: string | null };

type Props = {
  weekSlug: string;
  values: IdeaFormValues;
  errors: Record<string, string[] | undefined>;
  formError?: string;
  preview?: { problem: string; proposal: string } | null;
  similar?: SimilarIdea[];
  suggestions: { skills: string[]; tags: string[] };
  submitLabel: string;
  excludeIdeaId?: number;
};

function TriedBefore({ items }: { items: SimilarIdea[] }) {
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="md" aria-live="polite" data-testid="tried-before">
      <Stack gap="xs">
        <Group gap="xs">
          <IconHistory size={18} aria-hidden />
          <Title order={2} size="h5">
            Have we tried this before?
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          Similar ideas from this and past weeks — build on them, or explain what is different.
        </Text>
        {items.map((item) => (
          <Stack key={item.id} gap={0}>
            <Group gap="xs">
              <Anchor component={Link} to={`/ideas/${item.id}`} target="_blank" fw={600} size="sm">
                {item.title}
              </Anchor>
              <Badge size="xs" variant="light" color="gray">
                {item.weekName}
              </Badge>
              {item.outcome ? (
                <Badge size="xs" variant="outline">
                  {item.outcome}
                </Badge>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {item.summary}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** The pitch form, shared by "new idea" and "edit idea". Works without JavaScript (preview included). */
export function IdeaForm({
  weekSlug,
  values,
  errors,
  formError,
  preview,
  similar = [],
  suggestions,
  submitLabel,
  excludeIdeaId,
}: Props) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [title, setTitle] = useState(values.title ?? "");
  const [summary, setSummary] = useState(values.summary ?? "");
  const [debounced] = useDebouncedValue(`${title}\u0000${summary}`, 350);
  const similarFetcher = useFetcher<{ items: SimilarIdea[] }>();
  const { load } = similarFetcher;

  useEffect(() => {
    const [t = "", s = ""] = debounced.split("\u0000");
    if (t.trim().length < 4 && s.trim().length < 10) return;
    const params = new URLSearchParams({ title: t, summary: s });
    if (excludeIdeaId) params.set("exclude", String(excludeIdeaId));
    load(`/weeks/${weekSlug}/ideas/similar?${params}`);
  }, [debounced, weekSlug, excludeIdeaId, load]);

  const shownSimilar = similarFetcher.data?.items ?? similar;
  const error = (field: string) => errors[field]?.[0];

  return (
    <Form method="post">
      <Stack gap="md">
        <FormAlert message={formError} />
        <TextInput
          label="Title"
          name="title"
          required
          maxLength={120}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={error("title")}
          description="Up to 120 characters."
        />
        <TextInput
          label="One-line summary"
          name="summary"
          required
          maxLength={200}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={error("summary")}
          description="What it is, in one sentence (up to 200 characters)."
        />
        <TriedBefore items={shownSimilar} />
        <Textarea
          label="The problem"
          name="problem"
          autosize
          minRows={4}
          maxRows={16}
          defaultValue={values.problem}
          error={error("problem")}
          description="Markdown. Who hurts today, and how do we know?"
        />
        <Textarea
          label="The proposal"
          name="proposal"
          autosize
          minRows={4}
          maxRows={16}
          defaultValue={values.proposal}
          error={error("proposal")}
          description="Markdown. What would you build or try during the week?"
        />
        <Textarea
          label="What someone could learn"
          name="learning"
          autosize
          minRows={2}
          maxRows={8}
          defaultValue={values.learning}
          error={error("learning")}
          description="Stretch goals this idea offers, e.g. “first steps in Rust”, “running a user interview”."
        />
        <TagsField
          name="skills"
          label="Skills needed"
          defaultValue={values.skills}
          suggestions={suggestions.skills}
          error={error("skills")}
        />
        <TagsField
          name="tags"
          label="Themes"
          description="Separate with commas, e.g. on-call, customer-support."
          defaultValue={values.tags}
          suggestions={suggestions.tags}
          error={error("tags")}
        />
        <TextInput
          type="number"
          inputMode="numeric"
          step={1}
          label="People wanted"
          name="peopleWanted"
          min={0}
          max={50}
          defaultValue={values.peopleWanted ? Number(values.peopleWanted) : 0}
          error={error("peopleWanted")}
          description="How many more people you are looking for (0 if none)."
          w={{ base: "100%", sm: 240 }}
        />
        {preview ? (
          <Card withBorder padding="md" data-testid="idea-preview">
            <Stack gap="sm">
              <Alert color="blue" variant="light" title="Preview">
                This is how your pitch will read. Nothing is published until you press “{submitLabel}”.
              </Alert>
              <Title order={2} size="h3">
                {values.title}
              </Title>
              <Text fw={500}>{values.summary}</Text>
              {preview.problem ? (
                <>
                  <Title order={3} size="h5">
                    The problem
                  </Title>
                  <Markdown html={preview.problem} />
                </>
              ) : null}
              {preview.proposal ? (
                <>
                  <Title order={3} size="h5">
                    The proposal
                  </Title>
                  <Markdown html={preview.proposal} />
                </>
              ) : null}
            </Stack>
          </Card>
        ) : null}
        <Group>
          <Button type="submit" name="intent" value="preview" variant="default" disabled={busy}>
            Preview
          </Button>
          <Button type="submit" name="intent" value="publish" loading={busy && navigation.formData?.get("intent") === "publish"}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
