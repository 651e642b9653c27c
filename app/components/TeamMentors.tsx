import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import { Form, Link } from "react-router";

export type TeamMentor = {
  id: number;
  name: string;
  offer: string;
  department: string;
  status: "pending" | "accepted" | "declined";
  message: string;
};

export type MentorCandidate = { id: number; name: string; department: string; offer: string; availability: string };

const OPTION_OFFER_MAX = 90;

/** "Name — Department: offer", the offer shortened so the option stays readable. */
function optionLabel(c: MentorCandidate): string {
  const offer = c.offer.trim().replace(/\s+/g, " ");
  const short = offer.length > OPTION_OFFER_MAX ? `${offer.slice(0, OPTION_OFFER_MAX - 1)}…` : offer;
  return `${c.name} — ${c.department}: ${short}`;
}

function PersonLine({ mentor }: { mentor: TeamMentor }) {
  return (
    <Group gap="xs">
      <Anchor component={Link} to={`/people/${mentor.id}`} fw={600} size="sm">
        {mentor.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {mentor.department}
      </Text>
    </Group>
  );
}

/**
 * A team's mentors: accepted ones with their expertise, pending asks (seen by the lead and by the person
 * asked, who answers here), and the lead's "Ask a mentor" form. Every control is a plain form posting an
 * `intent` to the page action, so it all works without JavaScript.
 */
export function TeamMentors({
  mentors,
  candidates,
  viewerId,
  canAsk,
  errors,
  values,
}: {
  mentors: TeamMentor[];
  candidates: MentorCandidate[];
  viewerId: number;
  canAsk: boolean;
  errors?: Record<string, string[] | undefined>;
  /** What the lead typed into the ask form before a refused submit, to show it again. */
  values?: Record<string, string>;
}) {
  const accepted = mentors.filter((m) => m.status === "accepted");
  const pending = mentors.filter((m) => m.status === "pending" && (canAsk || m.id === viewerId));
  const declined = canAsk ? mentors.filter((m) => m.status === "declined") : [];
  const askedMe = pending.find((m) => m.id === viewerId);
  const pendingForLead = pending.filter((m) => m.id !== viewerId);

  return (
    <Stack gap="sm" component="section" id="mentors" aria-labelledby="mentors-heading">
      <Group gap="xs">
        <IconSchool size={20} aria-hidden />
        <Title order={2} size="h3" id="mentors-heading">
          Mentors
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        Mentors lend the team their expertise from outside it; they do not take a member's place.
      </Text>

      {askedMe ? (
        <Card withBorder padding="sm" component="article" aria-label="You were asked to mentor this team">
          <Stack gap="xs">
            <Text fw={600}>You were asked to mentor this team.</Text>
            {askedMe.message ? (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                “{askedMe.message}”
              </Text>
            ) : null}
            <Group gap="xs">
              <Form method="post">
                <input type="hidden" name="intent" value="answer-mentor" />
                <input type="hidden" name="accept" value="true" />
                <Button type="submit" size="xs">
                  Accept
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="answer-mentor" />
                <input type="hidden" name="accept" value="false" />
                <Button type="submit" size="xs" variant="default">
                  Decline
                </Button>
              </Form>
            </Group>
          </Stack>
        </Card>
      ) : null}

      {accepted.length === 0 && pendingForLead.length === 0 ? (
        <Text size="sm" c="dimmed">
          No mentors yet.
        </Text>
      ) : null}

      {accepted.length ? (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Mentors of this team">
          {accepted.map((m) => (
            <Card key={m.id} withBorder padding="sm" component="li">
              <Stack gap={4}>
                <Group gap="xs" justify="space-between">
                  <PersonLine mentor={m} />
                  {m.id === viewerId ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="leave-mentoring" />
                      <Button type="submit" size="compact-xs" variant="subtle" color="red">
                        Step back
                      </Button>
                    </Form>
                  ) : null}
                </Group>
                {m.offer ? (
                  <Text size="sm">
                    <Text span c="dimmed" size="sm">
                      Can help with:{" "}
                    </Text>
                    {m.offer}
                  </Text>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}

      {pendingForLead.length ? (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Mentors asked">
          {pendingForLead.map((m) => (
            <Card key={m.id} withBorder padding="sm" component="li">
              <Stack gap={4}>
                <Group gap="xs" justify="space-between">
                  <PersonLine mentor={m} />
                  <Badge variant="light" color="yellow" size="sm">
                    Asked, waiting for an answer
                  </Badge>
                </Group>
                {m.offer ? (
                  <Text size="sm" c="dimmed">
                    Can help with: {m.offer}
                  </Text>
                ) : null}
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}

      {declined.length ? (
        <Text size="sm" c="dimmed">
          Declined: {declined.map((m) => m.name).join(", ")}. You may ask them again.
        </Text>
      ) : null}

      {canAsk ? (
        candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody else offers to mentor right now. People offer on their profile (“I can mentor on…”).
          </Text>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="ask-mentor" />
            <Stack gap="xs">
              <Title order={3} size="h5">
                Ask a mentor
              </Title>
              <NativeSelect
                name="mentorId"
                label="Mentor"
                required
                defaultValue={values?.mentorId ?? ""}
                error={errors?.mentorId?.[0]}
                data={[
                  { value: "", label: "Choose someone who offers to mentor", disabled: true },
                  ...candidates.map((c) => ({ value: String(c.id), label: optionLabel(c) })),
                ]}
              />
              <Textarea
                name="message"
                label="Message"
                description="What would you like help with? Optional, up to 500 characters."
                autosize
                minRows={2}
                maxLength={500}
                defaultValue={values?.message ?? ""}
                error={errors?.message?.[0]}
              />
              <Button type="submit" w="fit-content">
                Ask to mentor
              </Button>
              <details>
                <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>
                  Who offers to mentor ({candidates.length})
                </summary>
                <Stack gap={6} mt="xs" component="ul" style={{ paddingLeft: "1rem", margin: 0 }}>
                  {candidates.map((c) => (
                    <Text key={c.id} size="sm" component="li">
                      <Anchor component={Link} to={`/people/${c.id}`}>
                        {c.name}
                      </Anchor>{" "}
                      ({c.department}): {c.offer}
                      {c.availability ? (
                        <Text span size="xs" c="dimmed">
                          {" "}
                          · Available: {c.availability}
                        </Text>
                      ) : null}
                    </Text>
                  ))}
                </Stack>
              </details>
            </Stack>
          </Form>
        )
      ) : null}
    </Stack>
  );
}
