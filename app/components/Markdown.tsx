import { Typography } from "@mantine/core";

/** Shows HTML produced by renderMarkdown() on the server (already sanitised). */
export function Markdown({ html, className }: { html: string; className?: string }) {
  if (!html) return null;
  return (
    <Typography className={className}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: produced by renderMarkdown (markdown-it without HTML + sanitize-html). */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
