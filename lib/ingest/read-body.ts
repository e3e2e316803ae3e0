import { createGunzip } from "node:zlib";
import { Readable } from "node:stream";
import { env } from "../env";
import { AppError } from "../http/errors";

/**
 * Reads a request body, as bytes, up to INGEST_MAX_BODY_MB (after gzip decompression too: a small
 * gzip bomb is refused the same way), answering 413 beyond it.
 */
export async function readBody(req: Request): Promise<Buffer> {
  const limit = env().INGEST_MAX_BODY_MB * 1024 * 1024;
  const tooLarge = () =>
    new AppError("payload_too_large", `Request body exceeds the ${env().INGEST_MAX_BODY_MB} MB limit (INGEST_MAX_BODY_MB); split it into smaller batches`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  const gzip = /gzip/i.test(req.headers.get("content-encoding") ?? "");
  if (!gzip && declared > limit) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  let source: AsyncIterable<Uint8Array> = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  if (gzip) {
    const gunzip = createGunzip();
    source = (Readable.from(source) as Readable).pipe(gunzip);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("bad_request", `Could not read the request body: ${(err as Error).message}`);
  }
  return Buffer.concat(chunks);
}
