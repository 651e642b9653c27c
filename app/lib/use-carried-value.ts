import { type ChangeEvent, useEffect, useRef, useState } from "react";

/**
 * For a plain field that a richer one replaces once its code has loaded (TagsField, the nomination's person
 * picker): follows what is typed or chosen in the plain field — also before hydration, read back once the
 * script runs — so the richer field starts from it and nothing typed is lost. Spread `ref`, `defaultValue`
 * and `onChange` on the plain field; give `value` to the richer one as its starting value.
 */
export function useCarriedValue<E extends HTMLInputElement | HTMLSelectElement>(initial: string) {
  const [value, setValue] = useState(initial);
  const ref = useRef<E>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, at hydration.
  useEffect(() => {
    const current = ref.current?.value;
    if (current !== undefined && current !== value) setValue(current);
  }, []);
  return {
    value,
    plainProps: { ref, defaultValue: value, onChange: (event: ChangeEvent<E>) => setValue(event.currentTarget.value) },
  };
}
