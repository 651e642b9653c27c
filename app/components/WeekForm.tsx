import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { FormAlert } from "./FormAlert";

type Range = { readonly min: number; readonly max: number };

export type WeekFormProps = {
  meta: {
    boundaries: ReadonlyArray<{ readonly key: string; readonly label: string }>;
    limits: {
      readonly name: number;
      readonly slug: number;
      readonly theme: number;
      readonly description: number;
      readonly teamSize: Range;
      readonly departments: Range;
      readonly votes: Range;
    };
    timeZones: ReadonlyArray<{ readonly group: string; readonly items: ReadonlyArray<string> }>;
  };
  /** What to show in the fields: the stored week, the defaults, or what was just typed. */
  values: Record<string, string>;
  errors?: Record<string, string[] | undefined>;
  formError?: string;
  submitLabel: string;
  cancelTo: string;
  /** When editing, the slug is not re-suggested as the name changes (links to the week would break). */
  editing?: boolean;
};

/** The same rule as the server's `slugFromName`: the server fills an empty slug the same way without JavaScript. */
function suggestSlug(name: string, max: number): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}

/** Create or edit a week: about, dates in the week's time zone, rules. A plain POST form. */
export function WeekForm({ meta, values, errors = {}, formError, submitLabel, cancelTo, editing = false }: WeekFormProps) {
  const { limits } = meta;
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const [slug, setSlug] = useState(values.slug ?? "");
  const [zone, setZone] = useState(values.timeZone ?? "");
  const [slugTouched, setSlugTouched] = useState(
    editing || Boolean(values.slug && values.slug !== suggestSlug(values.name ?? "", limits.slug)),
  );
  const error = (name: string) => errors[name]?.[0];
  const problems = Object.values(errors).filter((e) => e?.length).length;

  // After a failed submit, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (!Object.values(errors).some((e) => e?.length)) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const count = (name: string, label: string, range: Range, description?: string) => (
    <TextInput
      name={name}
      label={label}
      description={description}
      type="number"
      inputMode="numeric"
      min={range.min}
      max={range.max}
      step={1}
      required
      defaultValue={values[name] ?? ""}
      error={error(name)}
    />
  );

  return (
    <Form method="post" ref={formRef} noValidate aria-label={submitLabel}>
      <Stack gap="lg">
        <FormAlert
          message={
            formError ??
            (problems
              ? `${problems === 1 ? "One field needs" : `${problems} fields need`} attention; see the message beside ${problems === 1 ? "it" : "each"}.`
              : undefined)
          }
        />

        <Fieldset legend="About the week">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                name="name"
                label="Name"
                description="Shown everywhere, like “2026 H2”."
                required
                maxLength={limits.name}
                defaultValue={values.name ?? ""}
                error={error("name")}
                onChange={(e) => {
                  if (!slugTouched) setSlug(suggestSlug(e.currentTarget.value, limits.slug));
                }}
              />
              <TextInput
                name="slug"
                label="Slug"
                description={
                  editing
                    ? "The week's address: /weeks/<slug>. Changing it breaks old links."
                    : "The week's address: /weeks/<slug>. Suggested from the name; left empty, it is made from the name."
                }
                maxLength={limits.slug}
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                value={slug}
                onChange={(e) => {
                  setSlug(e.currentTarget.value);
                  setSlugTouched(e.currentTarget.value !== "");
                }}
                error={error("slug")}
              />
            </SimpleGrid>
            <TextInput
              name="theme"
              label="Theme"
              description="One line that sets the direction, like “Closer to the customer”."
              maxLength={limits.theme}
              defaultValue={values.theme ?? ""}
              error={error("theme")}
            />
            <Textarea
              name="description"
              label="Description"
              description="Markdown: **bold**, _italic_, lists, links and ## headings."
              autosize
              minRows={6}
              maxRows={20}
              maxLength={limits.description}
              defaultValue={values.description ?? ""}
              error={error("description")}
            />
            <NativeSelect
              name="timeZone"
              label="Time zone"
              description="The dates below are in this zone; everyone sees them converted to their own."
              required
              value={zone}
              onChange={(e) => setZone(e.currentTarget.value)}
              error={error("timeZone")}
              data={[
                { value: "", label: "Choose a time zone…", disabled: true },
                ...meta.timeZones.map((g) => ({ group: g.group, items: [...g.items] })),
              ]}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend="Dates">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              In the week's time zone{zone ? ` (${zone})` : ""}. Each must be on or after the one before it; equal is fine. When
              clocks go back and a time happens twice, the earlier one counts.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {meta.boundaries.map((b) => (
                <TextInput
                  key={b.key}
                  name={b.key}
                  label={b.label}
                  type="datetime-local"
                  required
                  defaultValue={values[b.key] ?? ""}
                  error={error(b.key)}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend="Rules">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {count("teamSizeMin", "Smallest team size", limits.teamSize, "People per team, mentors not counted.")}
              {count("teamSizeMax", "Largest team size", limits.teamSize, `At most ${limits.teamSize.max}.`)}
              {count(
                "minDepartmentsPerTeam",
                "Minimum departments per team",
                limits.departments,
                "1 means any mix; 2 or more makes teams cross-department.",
              )}
              {count(
                "peoplesChoiceVotes",
                "People's-choice votes per person",
                limits.votes,
                "0 turns people's-choice voting off.",
              )}
            </SimpleGrid>
            <Checkbox
              name="soloTeamsAllowed"
              label="Solo teams allowed"
              description="People may explore alone. Needs a smallest team size of 1 and a minimum of 1 department."
              defaultChecked={values.soloTeamsAllowed === "on"}
              error={error("soloTeamsAllowed")}
            />
          </Stack>
        </Fieldset>

        <Group>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {submitLabel}
          </Button>
          <Anchor component={Link} to={cancelTo}>
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </Form>
  );
}
