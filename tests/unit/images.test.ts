import { describe, expect, it } from "vitest";
import { imageSize, MAX_IMAGE_BYTES, prepareImages, sniffImageType } from "~/demos/images.server";
import { linkProblem, parseLinks } from "~/demos/schemas.server";
import { tinyPng } from "../support/factories";

/** A baseline JPEG header: SOI, a JFIF APP0 segment, a DQT-ish filler segment, then SOF0 with the size. */
function tinyJpeg(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const filler = [0xff, 0xdb, 0x00, 0x04, 0x00, 0x00];
  const sofSeg = [0xff, sof, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, ...filler, ...sofSeg, 0xff, 0xd9]);
}

function riff(chunk: string, body: number[]): Buffer {
  const payload = Buffer.concat([Buffer.from("WEBP"), Buffer.from(chunk, "ascii"), Buffer.alloc(4), Buffer.from(body)]);
  payload.writeUInt32LE(body.length, 8);
  const header = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4)]);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** The classic 1×1 lossless WebP. */
const WEBP_LOSSLESS_1X1 = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");

function webpLossy(width: number, height: number): Buffer {
  // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height (little-endian), then data.
  return riff("VP8 ", [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, width & 0xff, width >> 8, height & 0xff, height >> 8, 0, 0]);
}

function webpExtended(width: number, height: number): Buffer {
  const w = width - 1;
  const h = height - 1;
  return riff("VP8X", [0x10, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16]);
}

const file = (bytes: Uint8Array | string, name: string, type = "") =>
  new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name, { type });

describe("sniffImageType", () => {
  it("recognises PNG, JPEG and WebP by their first bytes", async () => {
    expect(sniffImageType(await tinyPng())).toBe("image/png");
    expect(sniffImageType(tinyJpeg(4, 3))).toBe("image/jpeg");
    expect(sniffImageType(WEBP_LOSSLESS_1X1)).toBe("image/webp");
    expect(sniffImageType(webpLossy(10, 10))).toBe("image/webp");
  });

  it("keeps a PNG with trailing garbage a PNG", async () => {
    const png = Buffer.concat([await tinyPng(3, 2), Buffer.from("<script>alert(1)</script> trailing junk")]);
    expect(sniffImageType(png)).toBe("image/png");
    expect(imageSize(png, "image/png")).toEqual({ width: 3, height: 2 });
  });

  it("refuses text, HTML, SVG, GIF polyglots and truncated signatures", () => {
    const refuse = [
      "just some notes renamed to screenshot.png",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      "GIF89a/*\x00\x00*/=alert(1)//<script>alert(1)</script>",
      "<!doctype html><html><script>alert(1)</script>",
      "RIFF\x00\x00\x00\x00WAVEfmt ",
      "",
    ];
    for (const s of refuse) expect(sniffImageType(Buffer.from(s, "latin1"))).toBeNull();
    expect(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});

describe("imageSize", () => {
  it("reads PNG IHDR", async () => {
    expect(imageSize(await tinyPng(7, 5), "image/png")).toEqual({ width: 7, height: 5 });
  });

  it("reads JPEG SOF markers (baseline and progressive), skipping other segments", () => {
    expect(imageSize(tinyJpeg(640, 480), "image/jpeg")).toEqual({ width: 640, height: 480 });
    expect(imageSize(tinyJpeg(1920, 1080, 0xc2), "image/jpeg")).toEqual({ width: 1920, height: 1080 });
  });

  it("does not mistake DHT (C4) for a frame header", () => {
    const dhtOnly = Buffer.from([0xff, 0xd8, 0xff, 0xc4, 0x00, 0x06, 0x00, 0x10, 0x00, 0x20, 0xff, 0xd9]);
    expect(imageSize(dhtOnly, "image/jpeg")).toBeNull();
  });

  it("reads WebP VP8, VP8L and VP8X", () => {
    expect(imageSize(WEBP_LOSSLESS_1X1, "image/webp")).toEqual({ width: 1, height: 1 });
    expect(imageSize(webpLossy(320, 200), "image/webp")).toEqual({ width: 320, height: 200 });
    expect(imageSize(webpExtended(4000, 3000), "image/webp")).toEqual({ width: 4000, height: 3000 });
  });

  it("returns null for damaged headers", () => {
    expect(imageSize(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "image/png")).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff]), "image/jpeg")).toBeNull();
    expect(imageSize(riff("VP8 ", [0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0]), "image/webp")).toBeNull();
  });
});

describe("prepareImages", () => {
  it("accepts real images whatever their name, and stores their sha256 and size", async () => {
    const png = await tinyPng(4, 4);
    const result = await prepareImages([file(png, "holiday.jpg", "image/jpeg"), file(WEBP_LOSSLESS_1X1, "x.webp")]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((i) => i.contentType)).toEqual(["image/png", "image/webp"]);
    expect(result.value[0]).toMatchObject({ width: 4, height: 4, byteSize: png.length });
    expect(result.value[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("skips an empty file input (no file chosen)", async () => {
    const result = await prepareImages([file(new Uint8Array(0), "")]);
    expect(result).toEqual({ ok: true, value: [] });
  });

  it("refuses a renamed text file with 415", async () => {
    const result = await prepareImages([file("not an image at all", "screenshot.png", "image/png")]);
    expect(result).toMatchObject({ ok: false, status: 415, field: "screenshots" });
    if (!result.ok) expect(result.message).toContain("screenshot.png");
  });

  it("refuses more than 5 MB with 413", async () => {
    const big = Buffer.concat([await tinyPng(), Buffer.alloc(MAX_IMAGE_BYTES)]);
    const result = await prepareImages([file(big, "big.png", "image/png")]);
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect(result.message).toContain("at most 5 MB");
  });
});

describe("demo links", () => {
  it("allows http(s) and refuses javascript:, data:, relative and credentialed links", () => {
    expect(linkProblem("https://example.com/demo")).toBeNull();
    expect(linkProblem("http://intranet.example/x?y=1")).toBeNull();
    expect(linkProblem("javascript:alert(1)")).toBe("Only http:// and https:// links are allowed.");
    expect(linkProblem("JaVaScRiPt:alert(1)")).toBe("Only http:// and https:// links are allowed.");
    expect(linkProblem("data:text/html,<script>alert(1)</script>")).not.toBeNull();
    expect(linkProblem("//evil.example")).not.toBeNull();
    expect(linkProblem("https://user:pw@example.com")).not.toBeNull();
    expect(linkProblem("java\tscript:alert(1)")).not.toBeNull();
  });

  it("reports a bad row beside itself and skips empty rows", () => {
    const { links, errors } = parseLinks(["video", "repository", "slides"], ["https://v.example/1", "", "javascript:alert(1)"]);
    expect(links).toEqual([{ kind: "video", url: "https://v.example/1" }]);
    expect(errors["linkUrl.2"]?.[0]).toMatch(/Only http/);
  });
});
