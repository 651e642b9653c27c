import { createHash } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail } from "~/lib/outcome";
import type { Database } from "~db/client";
import { demoImages, demos } from "~db/schema";
import { type DemoActor, imageCountProblem, lockDemoForEdit } from "./demos.server";

/**
 * Screenshots. The type is decided by the file's first bytes (never its name or the browser's claim),
 * the dimensions are read from the format's own header, and the bytes go into PostgreSQL so every app
 * instance can serve them. There is no image library here: no server-side resizing — galleries show
 * the original with width/height attributes and lazy loading (a later performance issue may add a
 * resizer filling `thumbnail`).
 */

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Guard against decompression bombs in viewers: nobody needs a screenshot wider than this. */
const MAX_DIMENSION = 20_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** "image/png" | "image/jpeg" | "image/webp" by magic bytes; null for anything else (GIF, SVG, HTML, text …). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "image/webp";
  return null;
}

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) =>
  (((b[at] ?? 0) << 24) >>> 0) + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0));
const u32le = (b: Uint8Array, at: number) => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;

function pngSize(b: Uint8Array) {
  // Signature (8), then the first chunk must be IHDR: length (4), "IHDR" (4), width (4), height (4).
  if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

function jpegSize(b: Uint8Array) {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null;
    let marker = b[i + 1] ?? 0;
    // Fill bytes: any number of 0xFF before the marker.
    while (marker === 0xff && i + 2 < b.length) {
      i++;
      marker = b[i + 1] ?? 0;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image / start of scan before any frame header
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length) return null;
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array) {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") {
    // Frame tag (3 bytes) then the start code 9D 01 2A, then 14-bit width and height.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return null;
}

/** Width and height from the format's header; null when the header is missing or damaged. */
export function imageSize(bytes: Uint8Array, type: ImageType): { width: number; height: number } | null {
  const size = type === "image/png" ? pngSize(bytes) : type === "image/jpeg" ? jpegSize(bytes) : webpSize(bytes);
  if (!size || size.width < 1 || size.height < 1 || size.width > MAX_DIMENSION || size.height > MAX_DIMENSION) return null;
  return size;
}

export type PreparedImage = {
  contentType: ImageType;
  bytes: Buffer;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  name: string;
};

const LABEL: Record<ImageType, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WebP" };

/** A file name fit for a message: no paths, no control characters, not too long. */
function displayName(name: string): string {
  const base = [...(name.split(/[\\/]/).pop() ?? "")]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  if (!base) return "A file";
  return `“${base.length > 60 ? `${base.slice(0, 57)}…` : base}”`;
}

/**
 * Reads and checks uploaded files before anything is written: 1 byte–5 MiB each (413 otherwise), a
 * PNG, JPEG or WebP by content with a readable header (415 otherwise). Empty file inputs (no file
 * chosen) are skipped. Field: "screenshots".
 */
export async function prepareImages(files: File[]): Promise<Outcome<PreparedImage[]>> {
  const chosen = files.filter((f) => !(f.size === 0 && f.name === ""));
  const out: PreparedImage[] = [];
  for (const file of chosen) {
    const name = displayName(file.name);
    if (file.size === 0) return fail(400, `${name} is empty. Choose the screenshot again.`, "screenshots");
    if (file.size > MAX_IMAGE_BYTES) {
      const mb = (file.size / 1024 / 1024).toFixed(1);
      return fail(413, `${name} is ${mb} MB; each screenshot can be at most 5 MB.`, "screenshots");
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = sniffImageType(bytes);
    if (!type) {
      return fail(
        415,
        `${name} is not a PNG, JPEG or WebP image (whatever its name says). Choose a screenshot in one of those formats.`,
        "screenshots",
      );
    }
    const size = imageSize(bytes, type);
    if (!size)
      return fail(415, `${name} looks like a ${LABEL[type]} but it is damaged: its size could not be read.`, "screenshots");
    out.push({
      contentType: type,
      bytes,
      byteSize: bytes.length,
      ...size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      name: file.name,
    });
  }
  return { ok: true, value: out };
}

async function demoTeamId(db: Database, demoId: number) {
  const [row] = await db.select({ teamId: demos.teamId }).from(demos).where(eq(demos.id, demoId));
  return row?.teamId ?? null;
}

/** Adds screenshots to a demo (after its last one), under the demo's edit rules. */
export async function addImages(
  db: Database,
  actor: DemoActor,
  demoId: number,
  files: File[],
): Promise<Outcome<{ ids: number[] }>> {
  const prepared = await prepareImages(files);
  if (!prepared.ok) return prepared;
  const teamId = await demoTeamId(db, demoId);
  if (teamId === null) return fail(404, "That demo does not exist.");
  return db.transaction(async (tx) => {
    const locked = await lockDemoForEdit(tx, actor, teamId);
    if (!locked.ok) return locked;
    const { demo } = locked.value;
    if (!demo) return fail(404, "That demo does not exist.");
    const existing = await tx
      .select({ id: demoImages.id, position: demoImages.position })
      .from(demoImages)
      .where(eq(demoImages.demoId, demoId));
    const problem = imageCountProblem(existing.length, 0, prepared.value.length);
    if (problem) return fail(400, problem, "screenshots");
    if (prepared.value.length === 0) return { ok: true as const, value: { ids: [] } };
    const start = existing.reduce((max, r) => Math.max(max, r.position + 1), 0);
    const inserted = await tx
      .insert(demoImages)
      .values(
        prepared.value.map((img, i) => ({
          demoId,
          position: start + i,
          contentType: img.contentType,
          bytes: img.bytes,
          byteSize: img.byteSize,
          width: img.width,
          height: img.height,
          sha256: img.sha256,
        })),
      )
      .returning({ id: demoImages.id });
    await tx.update(demos).set({ updatedAt: new Date() }).where(eq(demos.id, demoId));
    if (locked.value.asOrganiser) {
      await audit(tx, {
        actorId: actor.id,
        action: "demo.images_added_by_organiser",
        targetType: "demo",
        targetId: demoId,
        after: { imageIds: inserted.map((r) => r.id) },
        requestId: actor.requestId,
      });
    }
    return { ok: true as const, value: { ids: inserted.map((r) => r.id) } };
  });
}

export async function removeImage(db: Database, actor: DemoActor, imageId: number): Promise<Outcome<{ demoId: number }>> {
  const [row] = await db
    .select({ demoId: demoImages.demoId, teamId: demos.teamId })
    .from(demoImages)
    .innerJoin(demos, eq(demos.id, demoImages.demoId))
    .where(eq(demoImages.id, imageId));
  if (!row) return fail(404, "That screenshot does not exist.");
  return db.transaction(async (tx) => {
    const locked = await lockDemoForEdit(tx, actor, row.teamId);
    if (!locked.ok) return locked;
    const deleted = await tx
      .delete(demoImages)
      .where(and(eq(demoImages.id, imageId), eq(demoImages.demoId, row.demoId)))
      .returning({ id: demoImages.id });
    if (deleted.length === 0) return fail(404, "That screenshot does not exist.");
    if (locked.value.asOrganiser) {
      await audit(tx, {
        actorId: actor.id,
        action: "demo.image_removed_by_organiser",
        targetType: "demo",
        targetId: row.demoId,
        before: { imageId },
        requestId: actor.requestId,
      });
    }
    return { ok: true as const, value: { demoId: row.demoId } };
  });
}

/** Puts a demo's screenshots in the given order; `ids` must be exactly the demo's screenshots. */
export async function reorderImages(
  db: Database,
  actor: DemoActor,
  demoId: number,
  ids: number[],
): Promise<Outcome<{ demoId: number }>> {
  const teamId = await demoTeamId(db, demoId);
  if (teamId === null) return fail(404, "That demo does not exist.");
  return db.transaction(async (tx) => {
    const locked = await lockDemoForEdit(tx, actor, teamId);
    if (!locked.ok) return locked;
    const existing = await tx
      .select({ id: demoImages.id })
      .from(demoImages)
      .where(eq(demoImages.demoId, demoId))
      .orderBy(asc(demoImages.position), asc(demoImages.id));
    const known = new Set(existing.map((r) => r.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      return fail(400, "List each of the demo's screenshots exactly once.", "order");
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(demoImages)
        .set({ position })
        .where(and(eq(demoImages.id, id), inArray(demoImages.demoId, [demoId])));
    }
    return { ok: true as const, value: { demoId } };
  });
}
