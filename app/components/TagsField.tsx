import { TextInput } from "@mantine/core";
import { TagsInputOnDemand } from "~/components/lazy/LazyCombo";
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
 * JavaScript). Both submit one comma-separated value under `name`.
 */
export function TagsField({ name, label, description, defaultValue = "", suggestions, error, maxTags = 12 }: Props) {
  const hydrated = useHydrated();
  const initial = defaultValue
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const plain = (
    <TextInput
      name={name}
      label={label}
      description={description ?? "Separate with commas."}
      defaultValue={initial.join(", ")}
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
      defaultValue={initial}
      data={suggestions}
      error={error}
      maxTags={maxTags}
      splitChars={[","]}
      clearable
      acceptValueOnBlur
    />
  );
}
