import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconTrophy } from "@tabler/icons-react";
import { data, Link } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { formatScore, RankingTable } from "~/components/RankingTable";
import { dbContext } from "~/context";
import { formatInstant } from "~/demos/demos.server";
import { AWARD_KINDS, getPublishedResults, teamFeedback, teamOfUser } from "~/voting/results.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/results";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const week = await findWeekBySlug(db, args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  const isOrganiser = hasRole(user, "organiser");
  const [published, teamId] = await Promise.all([getPublishedResults(db, week.id), teamOfUser(db, user.id, week.id)]);
  const base = { week: { id: week.id, name: week.name, slug: week.slug }, isOrganiser };
  if (!published) return { ...base, published: null, feedback: null };
  const { results } = published;
  const feedback = teamId === null ? null : await teamFeedback(db, user.id, teamId);
  return {
    ...base,
    published: {
      at: formatInstant(published.publishedAt, week.timeZone),
      method: results.method,
      normalise: results.normalise,
      // The page shows winners; rankings go to the browser only when the week shows the full ranking.
      awards: results.awards.map(({ ranking: _ranking, ...award }) => ({
        ...award,
        kindLabel: AWARD_KINDS.find((k) => k.kind === award.kind)?.label ?? award.kind,
      })),
      overall: results.showFullRanking ? results.overall : null,
      peoplesChoice: results.peoplesChoice,
    },
    feedback: feedback?.ok ? feedback.value : null,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Results · ${data.week.name} · Expedition` : "Results · Expedition" }];
}

export default function Results({ loaderData }: Route.ComponentProps) {
  const { week, isOrganiser, published, feedback } = loaderData;
  return (
    <Stack gap="lg" maw={1000}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/weeks/${week.slug}`} size="sm">
          ← {week.name}
        </Anchor>
        <Title order={1}>Results · {week.name}</Title>
        {published ? <Text c="dimmed">Published {published.at}.</Text> : null}
      </Stack>

      {!published ? (
        <Alert variant="light" title="Results are not published yet">
          <Stack gap="xs">
            <Text>The organisers publish the results after voting closes. Check back soon.</Text>
            {isOrganiser ? (
              <Anchor component={Link} to={`/admin/weeks/${week.id}/results`}>
                Preview and publish the results
              </Anchor>
            ) : null}
          </Stack>
        </Alert>
      ) : (
        <>
          {isOrganiser ? (
            <Anchor component={Link} to={`/admin/weeks/${week.id}/results`} size="sm">
              Manage the results
            </Anchor>
          ) : null}
          <Stack gap="sm" component="section" aria-labelledby="awards-title">
            <Title order={2} id="awards-title">
              Awards
            </Title>
            {published.awards.length === 0 ? <Text c="dimmed">No awards this week.</Text> : null}
            {published.awards.map((a) => (
              <Card key={a.id} withBorder component="article" aria-label={a.name}>
                <Stack gap={6}>
                  <Group gap="xs">
                    <IconTrophy size={20} aria-hidden />
                    <Title order={3} size="h4">
                      {a.name}
                    </Title>
                    <Badge variant="light" color="gray">
                      {a.kindLabel}
                      {a.criterionName ? ` · ${a.criterionName}` : ""}
                    </Badge>
                  </Group>
                  {a.winners.length ? (
                    a.winners.map((w) => (
                      <Text key={w.demoId}>
                        <Anchor component={Link} to={`/demos/${w.demoId}`} fw={600}>
                          {w.title}
                        </Anchor>{" "}
                        by {w.team}
                        {w.votes !== null ? ` · ${w.votes} vote${w.votes === 1 ? "" : "s"}` : ""}
                        {w.score !== null ? ` · score ${formatScore(w.score)}` : ""}
                      </Text>
                    ))
                  ) : (
                    <Text c="dimmed">{a.note ?? "No winner."}</Text>
                  )}
                  {a.citation ? (
                    <Text fs="italic" style={{ whiteSpace: "pre-wrap" }}>
                      {a.citation}
                    </Text>
                  ) : null}
                  {a.tieBreak ? <Text size="sm">Tie-break used: {a.tieBreak}.</Text> : null}
                </Stack>
              </Card>
            ))}
          </Stack>

          {feedback ? (
            <Card withBorder component="section" aria-labelledby="feedback-title">
              <Stack gap="sm">
                <Title order={2} size="h3" id="feedback-title">
                  Feedback from the judges
                </Title>
                <Text size="sm" c="dimmed">
                  On your team's demo "{feedback.title}". Only your team sees this; judges are not named.
                </Text>
                {feedback.items.length === 0 ? <Text>The judges left no written feedback.</Text> : null}
                {feedback.items.map((item) => (
                  <Stack key={item.judge} gap={2}>
                    <Text fw={600}>{item.judge}</Text>
                    <Text style={{ whiteSpace: "pre-wrap" }}>{item.feedback}</Text>
                  </Stack>
                ))}
              </Stack>
            </Card>
          ) : null}

          {published.overall ? (
            <Stack gap="sm" component="section" aria-labelledby="ranking-title">
              <Title order={2} id="ranking-title">
                Full ranking
              </Title>
              <Text size="sm" c="dimmed">
                {published.normalise
                  ? "Scores are normalised per judge (0 is an average demo)."
                  : "Scores are the judges' average weighted scores."}
              </Text>
              <RankingTable rows={published.overall} label="Full ranking" />
            </Stack>
          ) : null}

          <Stack gap="sm" component="section" aria-labelledby="pc-title">
            <Title order={2} id="pc-title">
              People's choice
            </Title>
            <RankingTable rows={published.peoplesChoice} label="People's choice votes" votes />
          </Stack>

          <Stack gap="xs" component="section" aria-labelledby="method-title">
            <Title order={2} id="method-title">
              How we count
            </Title>
            {published.method.split("\n\n").map((p) => (
              <Text key={p}>{p}</Text>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
