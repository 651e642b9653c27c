import { Alert, Anchor, Avatar, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAward, IconCircleCheck, IconMarkdown, IconPrinter, IconTrophy, IconUserEdit } from "@tabler/icons-react";
import { data, Link } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { KudosPanel } from "~/components/KudosPanel";
import { LocalTime } from "~/components/LocalTime";
import { dbContext } from "~/context";
import { useHydrated } from "~/lib/use-hydrated";
import { formatAmount, OUTCOME_STATUS_INFO, seriesLabel, unitLabel } from "~/outcomes/rules";
import { loadPortfolio } from "~/people/portfolio.server";
import { NOMINATION_KIND_LABELS } from "~/recognition/rules";
import type { Route } from "./+types/person";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requireUser(args);
  const id = /^\d{1,9}$/.test(args.params.userId) ? Number(args.params.userId) : null;
  if (!id) throw data({ message: "There is no person with that address." }, { status: 404 });
  const portfolio = await loadPortfolio(args.context.get(dbContext), viewer, id);
  if (!portfolio) throw data({ message: "There is no person with that address." }, { status: 404 });
  return {
    ...portfolio,
    saved: portfolio.isSelf && new URL(args.request.url).searchParams.get("saved") === "1",
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.person.name} · Expedition` : "Person · Expedition" }];
}

/** Printing needs JavaScript; without it the browser's own Print menu uses the same print stylesheet. */
function PrintButton() {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
      Print
    </Button>
  );
}

type WeekEntry = Route.ComponentProps["loaderData"]["weeks"][number];
type Demo = NonNullable<WeekEntry["demo"]>;

function DemoSummary({ demo }: { demo: Demo }) {
  const outcome = demo.outcomeStatus ? OUTCOME_STATUS_INFO[demo.outcomeStatus] : null;
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        <Anchor component={Link} to={`/demos/${demo.id}`} size="sm" fw={600}>
          {demo.title}
        </Anchor>
        {outcome ? (
          <Badge size="xs" variant="light" color={outcome.color}>
            {outcome.label}
          </Badge>
        ) : (
          <Badge size="xs" variant="outline" color="gray">
            No outcome yet
          </Badge>
        )}
      </Group>
      {demo.awards.length ? (
        <Group gap={4} wrap="wrap" aria-label="Awards">
          {demo.awards.map((a) => (
            <Badge key={a} size="xs" color="yellow" variant="filled" leftSection={<IconTrophy size={11} aria-hidden />}>
              {a}
            </Badge>
          ))}
        </Group>
      ) : null}
      {demo.impact.length ? (
        <List size="xs" spacing={2}>
          {demo.impact.map((f) => (
            <List.Item key={`${f.kind}/${f.metric}`}>
              {seriesLabel(f.kind, f.metric)}:{" "}
              <Text span fw={600} inherit>
                {formatAmount(f.value)} {unitLabel(f.kind, f.unit)}
              </Text>
              {f.baseline !== null ? ` (baseline ${formatAmount(f.baseline)})` : ""}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

function PortfolioWeek({ entry }: { entry: WeekEntry }) {
  const headingId = `week-${entry.week.slug}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          <Anchor component={Link} to={`/weeks/${entry.week.slug}`} inherit>
            {entry.week.name}
          </Anchor>
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Ideas pitched
            </Text>
            {entry.ideas.length ? (
              <List size="sm" spacing={4}>
                {entry.ideas.map((idea) => (
                  <List.Item key={idea.id}>
                    <Anchor component={Link} to={`/ideas/${idea.id}`} size="sm">
                      {idea.title}
                    </Anchor>
                    {idea.status === "withdrawn" ? (
                      <Badge size="xs" color="gray" variant="light" ml={6}>
                        Withdrawn
                      </Badge>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                No ideas pitched.
              </Text>
            )}
          </Stack>
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Team
            </Text>
            {entry.team ? (
              <Stack gap={2}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={`/teams/${entry.team.id}`} size="sm" fw={600}>
                    {entry.team.name}
                  </Anchor>
                  <Badge size="xs" variant={entry.team.role === "lead" ? "filled" : "light"}>
                    {entry.team.role === "lead" ? "Lead" : "Member"}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  Working on{" "}
                  <Anchor component={Link} to={`/ideas/${entry.team.ideaId}`} inherit>
                    {entry.team.ideaTitle}
                  </Anchor>
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Not in a team.
              </Text>
            )}
          </Stack>
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Demo
            </Text>
            {entry.demo ? (
              <DemoSummary demo={entry.demo} />
            ) : (
              <Text size="sm" c="dimmed">
                No demo.
              </Text>
            )}
            {entry.reflection ? (
              <Stack gap={2} mt={4}>
                <Text fw={600} size="sm">
                  Stretch goal{entry.reflection.stretchGoal ? `: ${entry.reflection.stretchGoal}` : ""}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {entry.reflection.text}
                </Text>
              </Stack>
            ) : null}
          </Stack>
          <Stack gap={6}>
            <Text fw={600} size="sm">
              Mentoring given
            </Text>
            {entry.mentoring.length ? (
              <List size="sm" spacing={4}>
                {entry.mentoring.map((team) => (
                  <List.Item key={team.id}>
                    <Anchor component={Link} to={`/teams/${team.id}`} size="sm">
                      {team.name}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {" "}
                      · {team.ideaTitle}
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                No mentoring.
              </Text>
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

export default function Person({ loaderData }: Route.ComponentProps) {
  const { person, weeks, nominations, kudos, kudosPanel, isSelf, saved } = loaderData;
  const teamKudos = kudos.filter((k) => k.target.kind !== "user");
  const firstName = person.name.split(/\s+/)[0] || person.name;
  return (
    <Stack gap="lg">
      {saved ? (
        <Alert color="teal" role="status" icon={<IconCircleCheck size={18} />} title="Profile saved">
          Your changes are saved and visible to everyone.
        </Alert>
      ) : null}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <Avatar size={64} radius="xl" color="teal" aria-hidden>
            {person.name
              .split(/\s+/)
              .slice(0, 2)
              .map((p) => p[0])
              .join("")}
          </Avatar>
          <Stack gap={2}>
            <Title order={1}>{person.name}</Title>
            <Text c="dimmed">
              {person.title ? `${person.title} · ` : ""}
              {person.department}
            </Text>
            {person.email ? <Text size="sm">{person.email}</Text> : null}
            {person.deactivated || person.roles.length ? (
              <Group gap={6} mt={4}>
                {person.deactivated ? <Badge color="gray">Deactivated</Badge> : null}
                {person.roles.map((r) => (
                  <Badge key={r} variant="outline">
                    {r}
                  </Badge>
                ))}
              </Group>
            ) : null}
          </Stack>
        </Group>
        <Group gap="xs" data-print="hide">
          {isSelf ? (
            <Button component={Link} to="/settings/profile" variant="default" leftSection={<IconUserEdit size={16} />}>
              Edit profile
            </Button>
          ) : (
            <Button
              component={Link}
              to={`/nominations/new?user=${person.id}`}
              variant="default"
              leftSection={<IconAward size={16} />}
            >
              Nominate
            </Button>
          )}
          <Button
            component="a"
            href={`/people/${person.id}/portfolio.md`}
            download
            variant="default"
            leftSection={<IconMarkdown size={16} />}
          >
            Export as Markdown
          </Button>
          <PrintButton />
        </Group>
      </Group>
      {person.bio ? <Text style={{ whiteSpace: "pre-wrap" }}>{person.bio}</Text> : null}
      <SimpleGrid cols={{ base: 1, sm: person.mentorOffer ? 2 : 1 }}>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Skills
            </Title>
            <Group gap={6}>
              {person.skills.length ? (
                person.skills.map((s) => (
                  <Badge key={s} component={Link} to={`/people?skill=${encodeURIComponent(s)}`} style={{ cursor: "pointer" }}>
                    {s}
                  </Badge>
                ))
              ) : (
                <Text c="dimmed">No skills listed yet.</Text>
              )}
            </Group>
            <Title order={2} size="h4">
              Stretch goals
            </Title>
            <Group gap={6}>
              {person.stretchGoals.length ? (
                person.stretchGoals.map((s) => (
                  <Badge
                    key={s}
                    variant="outline"
                    component={Link}
                    to={`/people?stretch=${encodeURIComponent(s)}`}
                    style={{ cursor: "pointer" }}
                  >
                    {s}
                  </Badge>
                ))
              ) : (
                <Text c="dimmed">No stretch goals yet.</Text>
              )}
            </Group>
          </Stack>
        </Card>
        {person.mentorOffer ? (
          <Card withBorder>
            <Stack gap="sm">
              <Title order={2} size="h4">
                Mentoring
              </Title>
              <Text style={{ whiteSpace: "pre-wrap" }}>
                <Text span fw={600}>
                  Can mentor on:
                </Text>{" "}
                {person.mentorOffer}
              </Text>
              {person.mentorAvailability ? (
                <Text size="sm" c="dimmed">
                  Availability: {person.mentorAvailability}
                </Text>
              ) : null}
            </Stack>
          </Card>
        ) : null}
      </SimpleGrid>
      <Stack gap="sm" component="section" aria-labelledby="portfolio-heading">
        <Title order={2} id="portfolio-heading">
          Exploration portfolio
        </Title>
        {weeks.length ? (
          weeks.map((entry) => <PortfolioWeek key={entry.week.slug} entry={entry} />)
        ) : (
          <Text c="dimmed">
            {isSelf
              ? "Nothing here yet. Pitch an idea or join a team during an exploration week, and it will show up here."
              : `${firstName} has not pitched, joined or mentored anything yet.`}
          </Text>
        )}
      </Stack>
      <Stack gap="sm" component="section" aria-labelledby="recognition-heading">
        <Title order={2} id="recognition-heading">
          Recognition
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder component="section" aria-labelledby="nominations-heading">
            <Stack gap="sm">
              <Title order={3} size="h4" id="nominations-heading">
                Nominations
              </Title>
              {nominations.length ? (
                <Stack gap="sm">
                  {nominations.map((n) => (
                    <Stack key={n.id} gap={2}>
                      <Group gap={6} wrap="wrap">
                        <Badge size="sm" variant="light">
                          {NOMINATION_KIND_LABELS[n.kind]}
                        </Badge>
                        {n.status === "done" ? (
                          <Badge size="sm" variant="outline" color="teal">
                            Done
                          </Badge>
                        ) : null}
                        {n.nominee.type === "team" ? (
                          <Text size="sm">
                            for the team{" "}
                            <Anchor component={Link} to={n.nominee.href} inherit>
                              {n.nominee.name}
                            </Anchor>
                          </Text>
                        ) : null}
                        {n.weekName ? (
                          <Text size="sm" c="dimmed">
                            {n.weekName}
                          </Text>
                        ) : null}
                      </Group>
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                        {n.reason}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Nominated by{" "}
                        <Anchor component={Link} to={`/people/${n.nominatorId}`} inherit>
                          {n.nominatorName}
                        </Anchor>
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  No accepted nominations yet.
                </Text>
              )}
            </Stack>
          </Card>
          <Stack gap="md">
            <KudosPanel {...kudosPanel} />
            {teamKudos.length ? (
              <Card withBorder component="section" aria-labelledby="team-kudos-heading">
                <Stack gap="sm">
                  <Title order={3} size="h4" id="team-kudos-heading">
                    Kudos for {isSelf ? "your" : `${firstName}'s`} teams and demos
                  </Title>
                  {teamKudos.map((k) => (
                    <Stack key={k.id} gap={2}>
                      <Text size="sm">“{k.message}”</Text>
                      <Text size="xs" c="dimmed">
                        <Anchor component={Link} to={`/people/${k.authorId}`} inherit>
                          {k.authorName}
                        </Anchor>
                        {" on "}
                        <Anchor component={Link} to={k.target.href} inherit>
                          {k.target.name}
                        </Anchor>
                        {" · "}
                        <LocalTime iso={k.createdAt} options={{ day: "numeric", month: "short", year: "numeric" }} />
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              </Card>
            ) : null}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
