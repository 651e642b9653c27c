import type { SelectProps, TagsInputProps } from "@mantine/core";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";

const LazyTagsInput = lazy(() => import("./ComboInputs").then((m) => ({ default: m.TagsInput })));
// Select is generic over its value type; the lazy wrapper fixes it to the string values our forms post.
const LazySelect = lazy(() =>
  import("./ComboInputs").then((m) => ({ default: m.Select as unknown as ComponentType<SelectProps> })),
);

/** TagsInput loaded on demand; `fallback` (the plain field the server rendered) shows until it arrives. */
export function TagsInputOnDemand({ fallback, ...props }: TagsInputProps & { fallback: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <LazyTagsInput {...props} />
    </Suspense>
  );
}

/** Select loaded on demand; `fallback` (the plain field the server rendered) shows until it arrives. */
export function SelectOnDemand({ fallback, ...props }: SelectProps & { fallback: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <LazySelect {...props} />
    </Suspense>
  );
}
