/**
 * Stands in for Mantine's TableScrollContainer (see vite.config.ts): Mantine hangs it on `Table` as a
 * static property, so every page with a table downloaded ScrollArea and floating-ui (≈ 20 KB gzip)
 * whether or not it scrolled. `Table.ScrollContainer` keeps working, as our plain TableScroll.
 */
export { TableScroll as TableScrollContainer } from "./TableScroll";
