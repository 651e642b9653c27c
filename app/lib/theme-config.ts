import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "teal",
  // Shade 9 keeps white text on filled buttons above WCAG AA contrast (5:1).
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: "md",
  fontFamily: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontFamily: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
});
