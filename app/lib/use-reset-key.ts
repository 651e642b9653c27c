import { useRef } from "react";

/**
 * A key that changes every time a new action result arrives; put it on inputs that must be
 * emptied after a failed submit (passwords), so they remount blank while other fields keep values.
 */
export function useResetKey(actionData: unknown): number {
  const last = useRef<unknown>(undefined);
  const count = useRef(0);
  if (actionData !== last.current) {
    last.current = actionData;
    count.current += 1;
  }
  return count.current;
}
