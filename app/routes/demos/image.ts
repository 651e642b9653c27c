import { eq } from "drizzle-orm";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { demoImages } from "~db/schema";
import type { Route } from "./+types/image";

const NOT_FOUND = () =>
  new Response("There is no screenshot at that address.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/** True when If-None-Match (a list, possibly weak, or "*") names this ETag. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

/**
 * A demo screenshot, from PostgreSQL (so any instance serves it). Immutable: an image never changes
 * under its id (a new upload gets a new id), so browsers may keep it for a year; the ETag is the
 * SHA-256 of the bytes. Private, because every page needs a signed-in user.
 */
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const raw = args.params.imageId;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) return NOT_FOUND();
  const id = Number(raw);
  const db = args.context.get(dbContext);
  const headers = (etag: string) => ({
    "Cache-Control": "private, max-age=31536000, immutable",
    ETag: etag,
    // X-Content-Type-Options: nosniff is set on every response by the host (server/app.ts securityHeaders);
    // repeating it here would send it twice.
    "Content-Disposition": "inline",
  });

  // A revalidation needs only the hash: don't read the bytes for a 304.
  const ifNoneMatch = args.request.headers.get("If-None-Match");
  if (ifNoneMatch) {
    const [meta] = await db.select({ sha256: demoImages.sha256 }).from(demoImages).where(eq(demoImages.id, id));
    if (!meta) return NOT_FOUND();
    const etag = `"${meta.sha256}"`;
    if (matches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers: headers(etag) });
  }

  const [image] = await db
    .select({
      bytes: demoImages.bytes,
      contentType: demoImages.contentType,
      sha256: demoImages.sha256,
      byteSize: demoImages.byteSize,
    })
    .from(demoImages)
    .where(eq(demoImages.id, id));
  if (!image) return NOT_FOUND();
  const etag = `"${image.sha256}"`;
  return new Response(new Uint8Array(image.bytes), {
    status: 200,
    headers: {
      ...headers(etag),
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
    },
  });
}
