import { TextInput } from "@mantine/core";
import { TagsInputOnDemand } from "~/components/lazy/LazyCombo";
import { useCarriedValue } from "~/lib/use-carried-value";
import { useHydrated } from "~/lib/use-hydrated";

type Props = {
  name: string;
  label: string;
  description?: string;
  defaultValue?: string;
  suggestions: string[];
  error?: string;
  maxTags?: number;
};

/**
 * Tags with autocomplete once JavaScript runs; a plain comma-separated field before that (and without
 * JavaScript). Both submit one comma-separated value under `name`. What is typed into the plain field while
 * the tags input loads is carried over into it.
 */
export function TagsField({ name, label, description, defaultValue = "", suggestions, error, maxTags = 12 }: Props) {
  const hydrated = useHydrated();
  const split = (text: string) =>
    text
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  const carried = useCarriedValue<HTMLInputElement>(split(defaultValue).join(", "));
  const plain = (
    <TextInput
      {...carried.plainProps}
      name={name}
      label={label}
      description={description ?? "Separate with commas."}
      error={error}
      maxLength={600}
    />
  );
  if (!hydrated) return plain;
  return (
    <TagsInputOnDemand
      fallback={plain}
      name={name}
      label={label}
      description={description ?? "Type and press Enter or comma; pick from skills already in use."}
      defaultValue={split(carried.value)}
      data={suggestions}
      error={error}
      maxTags={maxTags}
      splitChars={[","]}
      clearable
      acceptValueOnBlur
    />
  );
}
