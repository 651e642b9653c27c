/** A hidden form field (intent, ids) — forms post plain values so they work without JavaScript. */
export function Hidden({ name, value }: { name: string; value: string | number }) {
  return <input type="hidden" name={name} value={value} />;
}
