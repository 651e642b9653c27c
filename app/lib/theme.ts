import type { MantineColorScheme, MantineColorSchemeManager } from "@mantine/core";

export const THEME_COOKIE = "expedition_theme";
export const THEMES = ["light", "dark", "auto"] as const;
export type ThemeChoice = (typeof THEMES)[number];

export function parseTheme(value: string | null | undefined): ThemeChoice {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as ThemeChoice) : "auto";
}

export function themeCookie(value: ThemeChoice): string {
  return `${THEME_COOKIE}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Keeps the colour scheme in a cookie so the server renders the right one on the first byte. */
export function cookieColorSchemeManager(): MantineColorSchemeManager {
  return {
    get: (defaultValue) => {
      if (typeof document === "undefined") return defaultValue;
      const match = document.cookie.match(new RegExp(`(?:^|; )${THEME_COOKIE}=([^;]*)`));
      return match ? parseTheme(match[1]) : defaultValue;
    },
    set: (value: MantineColorScheme) => {
      // biome-ignore lint/suspicious/noDocumentCookie: the theme cookie is not sensitive and must be readable here.
      document.cookie = themeCookie(parseTheme(value));
    },
    subscribe: () => {},
    unsubscribe: () => {},
    clear: () => {
      // biome-ignore lint/suspicious/noDocumentCookie: see above.
      document.cookie = `${THEME_COOKIE}=; Path=/; Max-Age=0`;
    },
  };
}
