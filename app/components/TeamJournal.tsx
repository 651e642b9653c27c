import { Anchor, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconNotebook } from "@tabler/icons-react";
import { Form, Link } from "react-router";
import { LocalTime } from "./LocalTime";
import { Markdown } from "./Markdown";

export type JournalEntry = { id: number; html: string; createdAt: string; authorId: number; authorName: string };

/**
 * The team journal, newest update first. Members post (Markdown, rendered and sanitised on the server);
 * an author or an organiser deletes. Plain forms posting an `intent`, so it works without JavaScript.
 */
export function TeamJournal({
  entries,
  viewerId,
  canPost,
  canModerate,
  resetKey,
  error,
  defaultBody,
  timeZone,
}: {
  entries: JournalEntry[];
  viewerId: number;
  canPost: boolean;
  canModerate: boolean;
  /** Change it after a successful post to empty the form. */
  resetKey?: number;
  /** The message for the post form's body field. */
  error?: string;
  /** What the person typed before a refused post, shown again. */
  defaultBody?: string;
  /** The week's time zone, used until the browser shows times in its own. */
  timeZone?: string;
}) {
  const sorted = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <Stack gap="sm" component="section" id="journal" aria-labelledby="journal-heading">
      <Group gap="xs">
        <IconNotebook size={20} aria-hidden />
        <Title order={2} size="h3" id="journal-heading">
          Journal
        </Title>
      </Group>

      {canPost ? (
        <Form method="post" key={resetKey}>
          <input type="hidden" name="intent" value="journal" />
          <Stack gap="xs">
            <Textarea
              name="body"
              label="Post an update"
              description="What did you try, learn or get stuck on? Markdown works. Your team and the idea's followers are notified."
              autosize
              minRows={3}
              maxLength={5000}
              required
              defaultValue={defaultBody}
              error={error}
            />
            <Button type="submit" w="fit-content">
              Post update
            </Button>
          </Stack>
        </Form>
      ) : null}

      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          No updates yet.
        </Text>
      ) : null}

      {sorted.map((entry) => (
        <Card
          key={entry.id}
          withBorder
          padding="sm"
          component="article"
          id={`journal-${entry.id}`}
          aria-label={`Update by ${entry.authorName}`}
        >
          <Stack gap={6}>
            <Group gap="xs" justify="space-between">
              <Group gap="xs">
                <Anchor component={Link} to={`/people/${entry.authorId}`} fw={600} size="sm">
                  {entry.authorName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  <LocalTime iso={entry.createdAt} fallbackTimeZone={timeZone} />
                </Text>
              </Group>
              {entry.authorId === viewerId || canModerate ? (
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm("Delete this update? This cannot be undone.")) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="delete-journal" />
                  <input type="hidden" name="entryId" value={entry.id} />
                  <Button
                    type="submit"
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete the update by ${entry.authorName}`}
                  >
                    Delete
                  </Button>
                </Form>
              ) : null}
            </Group>
            <Markdown html={entry.html} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
