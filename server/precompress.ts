/**
 * After `react-router build`: writes a Brotli (quality 11) and a gzip (level 9) copy beside every script and
 * stylesheet of the client build, once, so the server sends them as files instead of compressing the same
 * bytes on every request at a low level (see precompressedAssets in server/app.ts).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const PRECOMPRESSED = /\.(js|css|svg|json)$/;

export function precompress(dir: string): { files: number; bytes: number; brotli: number } {
  let files = 0;
  let bytes = 0;
  let brotli = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      const sub = precompress(file);
      files += sub.files;
      bytes += sub.bytes;
      brotli += sub.brotli;
      continue;
    }
    if (!PRECOMPRESSED.test(name)) continue;
    const content = readFileSync(file);
    const br = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    files += 1;
    bytes += content.length;
    brotli += br.length;
  }
  return { files, bytes, brotli };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? "build/client/assets");
  const started = Date.now();
  const { files, bytes, brotli } = precompress(dir);
  console.log(
    `precompressed ${files} files in ${Date.now() - started} ms: ${(bytes / 1024).toFixed(0)} KB → ${(brotli / 1024).toFixed(0)} KB brotli`,
  );
}
