import { Mark, Text } from "@mantine/core";
import { headlineParts, type MatchSource } from "~/archive/highlight";

const SOURCE_LABELS: Record<MatchSource, string> = {
  demo: "title, summary or tags",
  learnings: "what was built and learned",
  idea: "the original pitch",
  outcome: "outcome notes",
};

/** Where a search matched and an excerpt with the matched words marked (text only, never HTML). */
export function Highlighted({ headline, matchedIn }: { headline: string | null; matchedIn: MatchSource[] }) {
  if (!headline && matchedIn.length === 0) return null;
  return (
    <>
      {matchedIn.length ? (
        <Text size="xs" c="dimmed">
          Matched in {matchedIn.map((s) => SOURCE_LABELS[s]).join(", ")}
        </Text>
      ) : null}
      {headline ? (
        <Text size="sm" fs="italic" lineClamp={4}>
          …
          {headlineParts(headline.replace(/\*\*|__|`/g, "")).map((part, i) =>
            part.match ? <Mark key={i}>{part.text}</Mark> : <span key={i}>{part.text}</span>,
          )}
          …
        </Text>
      ) : null}
    </>
  );
}
