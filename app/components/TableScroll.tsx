import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on narrow screens — what Mantine's table scroll container does, without
 * the ScrollArea component and its script. Focusable so keyboard users can scroll it.
 */
export function TableScroll({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <div tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%" }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
