import { Readable } from "node:stream";
import type { GetObjectCommandOutput } from "@aws-sdk/client-s3";

/**
 * An S3 GetObject body as the SDK returns it in Node: a Readable stream
 * with the SDK's transform helpers. `chunks` lets a test deliver the bytes
 * in several pieces; `read()` reports how many bytes were consumed.
 */
export function s3Body(...chunks: (string | Uint8Array)[]) {
  const buffers = chunks.map((chunk) => Buffer.from(chunk));
  const whole = Buffer.concat(buffers);
  let consumed = 0;
  const stream = Readable.from(
    (function* () {
      for (const buffer of buffers) {
        consumed += buffer.byteLength;
        yield buffer;
      }
    })(),
  );
  const body = Object.assign(stream, {
    transformToString: async (encoding?: string) => whole.toString((encoding ?? "utf-8") as BufferEncoding),
    transformToByteArray: async () => new Uint8Array(whole),
    transformToWebStream: () => Readable.toWeb(stream) as unknown as ReadableStream,
  });
  return { body: body as unknown as NonNullable<GetObjectCommandOutput["Body"]>, stream, consumed: () => consumed };
}

export function jsonBody(value: unknown): NonNullable<GetObjectCommandOutput["Body"]> {
  return s3Body(JSON.stringify(value)).body;
}
