import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Markdown for everything people type (pitches, comments, demos, journals). Two independent locks:
 * markdown-it with raw HTML off and only http(s)/mailto links, then sanitize-html with an allowlist,
 * so a bug in one is still caught by the other. Rendering happens on the server only.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

const SAFE_LINK = /^(https?:|mailto:|#|\/(?!\/))/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "s",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
  ],
  allowedAttributes: {
    a: ["href", "rel", "target", "title"],
    img: ["src", "alt", "title"],
    th: ["style"],
    td: ["style"],
    ol: ["start"],
  },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? "");
      return {
        tagName,
        attribs: external ? { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" } : attribs,
      };
    },
  },
};

export const MARKDOWN_MAX = 20_000;

/** Renders untrusted Markdown to HTML that is safe to inject. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return "";
  return sanitizeHtml(md.render(source.slice(0, MARKDOWN_MAX * 2)), SANITIZE);
}

/** Plain text of Markdown, for previews and meta descriptions. */
export function markdownToText(source: string, max = 300): string {
  const text = sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
