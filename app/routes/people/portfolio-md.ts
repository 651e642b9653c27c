import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { selfOrigin } from "~/lib/request.server";
import { loadPortfolio } from "~/people/portfolio.server";
import { portfolioMarkdown } from "~/people/portfolio-markdown";
import type { Route } from "./+types/portfolio-md";

/** A file name made of the person's name, ASCII only (Content-Disposition's plain filename). */
function fileName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .toLowerCase();
  return `portfolio-${slug || "person"}.md`;
}

/**
 * GET /people/:userId/portfolio.md — the exploration portfolio as Markdown, for a performance review.
 * The same data and the same visibility rules as the portfolio page.
 */
export async function loader(args: Route.LoaderArgs) {
  const viewer = requireUser(args);
  const raw = args.params.userId;
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const portfolio = id ? await loadPortfolio(args.context.get(dbContext), viewer, id) : null;
  if (!portfolio) {
    return new Response("There is no person with that address.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(portfolioMarkdown(portfolio, selfOrigin(args.request)), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName(portfolio.person.name)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
