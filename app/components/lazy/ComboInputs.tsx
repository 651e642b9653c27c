/**
 * Mantine's combobox inputs (TagsInput, Select) pull in floating-ui and the combobox machinery — about
 * 30 KB gzip. They only enhance plain fields after hydration, so they live in their own chunk that the
 * browser fetches once the page is interactive (see LazyCombo.tsx).
 */

export { Select, TagsInput } from "@mantine/core";
