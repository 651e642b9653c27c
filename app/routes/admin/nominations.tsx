import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from "@mantine/core";
import { data, Form, Link, useNavigation } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { LocalTime } from "~/components/LocalTime";
import { Pager } from "~/components/Pager";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { PAGE_SIZE, pageCount } from "~/lib/pagination";
import { NominationHistory, StatusBadge } from "~/recognition/NominationHistory";
import { decideNomination, listForOrganisers, weekOptions } from "~/recognition/nominations.server";
import {
  allowedTransitions,
  NOMINATION_KIND_LABELS,
  NOMINATION_KINDS,
  NOMINATION_STATUS_LABELS,
  NOMINATION_STATUSES,
  NOTE_MAX,
  transitionLabel,
} from "~/recognition/rules";
import { DecisionSchema, QueueQuerySchema } from "~/recognition/schemas.server";
import type { Route } from "./+types/nominations";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const params = new URL(args.request.url).searchParams;
  const parsed = QueueQuerySchema.safeParse({
    status: params.get("status") ?? undefined,
    kind: params.get("kind") ?? undefined,
    week: params.get("week") ?? undefined,
    page: params.get("page") ?? undefined,
  });
  if (!parsed.success)
    throw data({ message: parsed.error.issues[0]?.message ?? "Those filters could not be read." }, { status: 400 });
  const query = parsed.data;
  const [{ rows, total }, weeks] = await Promise.all([
    listForOrganisers(db, {
      status: query.status === "all" ? undefined : query.status,
      kind: query.kind,
      weekId: query.week,
      page: query.page,
    }),
    weekOptions(db),
  ]);
  return {
    filters: { status: query.status, kind: query.kind ?? "", week: query.week ? String(query.week) : "" },
    page: query.page,
    pages: pageCount(total, PAGE_SIZE),
    total,
    weeks,
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      nominee: r.nominee,
      nominatorId: r.nominatorId,
      nominatorName: r.nominatorName,
      weekName: r.weekName,
      decisionNote: r.decisionNote,
      createdAt: r.createdAt.toISOString(),
      history: r.history,
      transitions: allowedTransitions(r.status),
    })),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireOrganiser(args);
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 20_000);
  const parsed = parseForm(formData, DecisionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const { nominationId, toStatus, note } = parsed.data;
  const outcome = await decideNomination(
    db,
    { id: user.id, isOrganiser: true, requestId: args.context.get(requestInfoContext).requestId },
    nominationId,
    { toStatus, note },
  );
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  return {
    ok: true as const,
    nominationId,
    message: `Saved: the nomination is ${NOMINATION_STATUS_LABELS[outcome.value.status].toLowerCase()}. The nominator was notified.`,
    errors: {},
    formError: undefined,
    values: {} as Record<string, string>,
  };
}

export function meta() {
  return [{ title: "Nominations · Admin · Expedition" }];
}

export default function AdminNominations({ loaderData, actionData }: Route.ComponentProps) {
  const { rows, filters } = loaderData;
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const failedId = failed ? Number(failed.values.nominationId) : null;
  const savedId = actionData?.ok ? actionData.nominationId : null;
  const statusLabel = filters.status === "all" ? "" : NOMINATION_STATUS_LABELS[filters.status].toLowerCase();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>Nominations</Title>
        <Text c="dimmed">
          Track each nomination to a decision. The nominator sees every decision with your note; the nominee is told when it is
          accepted. Notes are plain text.
        </Text>
      </Stack>

      <Form method="get" aria-label="Filter nominations">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <NativeSelect
            name="status"
            label="Status"
            defaultValue={filters.status}
            data={[
              ...NOMINATION_STATUSES.map((s) => ({ value: s, label: NOMINATION_STATUS_LABELS[s] })),
              { value: "all", label: "Any status" },
            ]}
          />
          <NativeSelect
            name="kind"
            label="Kind"
            defaultValue={filters.kind}
            data={[
              { value: "", label: "Any kind" },
              ...NOMINATION_KINDS.map((k) => ({ value: k, label: NOMINATION_KIND_LABELS[k] })),
            ]}
          />
          <NativeSelect
            name="week"
            label="Week"
            defaultValue={filters.week}
            data={[{ value: "", label: "Any week" }, ...loaderData.weeks.map((w) => ({ value: String(w.id), label: w.name }))]}
          />
          <Button type="submit" variant="default">
            Filter
          </Button>
        </Group>
      </Form>

      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert
        message={
          failed && !rows.some((r) => r.id === failedId)
            ? (failed.formError ?? Object.values(failed.errors).flat()[0])
            : undefined
        }
      />

      {rows.length === 0 ? (
        <Text c="dimmed">
          {filters.status === "new" && !filters.kind && !filters.week
            ? "No new nominations. Everything has been looked at."
            : `No ${statusLabel} nominations match these filters.`}
        </Text>
      ) : null}

      <Stack gap="sm">
        {rows.map((r) => {
          const rowFailed = failedId === r.id ? failed : null;
          const keepStatus = { value: r.status, label: transitionLabel(r.status, r.status) };
          return (
            <Card
              key={r.id}
              withBorder
              padding="md"
              component="article"
              id={`nomination-${r.id}`}
              aria-label={`${r.nominee.name}: ${NOMINATION_KIND_LABELS[r.kind]}, ${NOMINATION_STATUS_LABELS[r.status]}`}
            >
              <Stack gap={6}>
                <Group gap="xs" wrap="wrap">
                  <Anchor component={Link} to={r.nominee.href} fw={600}>
                    {r.nominee.name}
                  </Anchor>
                  {r.nominee.type === "team" ? (
                    <Badge size="xs" variant="light" color="gray">
                      Team
                    </Badge>
                  ) : null}
                  <Badge variant="outline">{NOMINATION_KIND_LABELS[r.kind]}</Badge>
                  <StatusBadge status={r.status} />
                  <Text size="sm" c="dimmed">
                    {r.weekName ?? "No particular week"} · by{" "}
                    <Anchor component={Link} to={`/people/${r.nominatorId}`} size="sm" underline="always">
                      {r.nominatorName}
                    </Anchor>{" "}
                    · <LocalTime iso={r.createdAt} />
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  “{r.reason}”
                </Text>
                {r.decisionNote ? (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    Latest note: {r.decisionNote}
                  </Text>
                ) : null}
                <details open={Boolean(rowFailed) || savedId === r.id}>
                  <summary style={{ cursor: "pointer", fontWeight: 600 }}>History and decision</summary>
                  <Stack gap="sm" mt="xs">
                    <NominationHistory events={r.history} />
                    <Form method="post" aria-label={`Decide on the nomination of ${r.nominee.name}`}>
                      <Hidden name="intent" value="decide" />
                      <Hidden name="nominationId" value={r.id} />
                      <Stack gap="xs" maw={560}>
                        <FormAlert message={rowFailed?.formError} />
                        <NativeSelect
                          name="toStatus"
                          label="Decision"
                          defaultValue={rowFailed?.values.toStatus ?? r.transitions[0] ?? r.status}
                          error={rowFailed?.errors.toStatus?.[0]}
                          data={[...r.transitions.map((to) => ({ value: to, label: transitionLabel(r.status, to) })), keepStatus]}
                        />
                        <Textarea
                          name="note"
                          label="Note"
                          description="Plain text. The nominator sees it."
                          autosize
                          minRows={2}
                          maxLength={NOTE_MAX}
                          defaultValue={rowFailed?.values.note ?? ""}
                          error={rowFailed?.errors.note?.[0]}
                        />
                        <Button type="submit" w="fit-content" disabled={navigation.state !== "idle"}>
                          Save decision
                        </Button>
                      </Stack>
                    </Form>
                  </Stack>
                </details>
              </Stack>
            </Card>
          );
        })}
      </Stack>
      <Pager page={loaderData.page} pages={loaderData.pages} total={loaderData.total} noun="nomination" />
    </Stack>
  );
}
