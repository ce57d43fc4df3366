import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { isObjectGone } from "../aws/object-gone";
import type { PageEvent } from "../events/page-event";

/** Object metadata key (x-amz-meta-source-url) naming the page's original web address. */
export const SOURCE_URL_METADATA = "source-url";

export type PageRead =
  | { kind: "page"; bytes: Uint8Array; contentType: string | undefined; url: string | undefined }
  /** size: the object's, or null when reading was cut off at the guard without knowing it */
  | { kind: "too-large"; size: number | null }
  | { kind: "missing" };

/**
 * Reads the raw page the event names, never holding more than `maxBytes`:
 * a size over the guard (in the event, or in the response's Content-Length)
 * is rejected without reading the body, and the body is streamed with a cap
 * in case the length was not given. Reads the event's object version when it
 * has one, so processing the same event twice reads the same bytes. A gone
 * object or version is `missing` (S3's 404, or its 403 for a gone key,
 * confirmed by a listing: see aws/object-gone.ts); every other S3 failure,
 * a 403 for a page that is there included, throws (retried).
 */
export async function readPage(deps: { s3: S3Client }, event: PageEvent, maxBytes: number): Promise<PageRead> {
  if (event.size !== null && event.size > maxBytes) return { kind: "too-large", size: event.size };
  const location = { bucket: event.bucket, key: event.key, versionId: event.versionId };
  let response: GetObjectCommandOutput;
  try {
    response = await deps.s3.send(
      new GetObjectCommand({
        Bucket: event.bucket,
        Key: event.key,
        ...(event.versionId ? { VersionId: event.versionId } : {}),
      }),
    );
  } catch (error) {
    if (await isObjectGone(deps.s3, error, location)) return { kind: "missing" };
    throw error;
  }
  const body = response.Body;
  if (response.ContentLength !== undefined && response.ContentLength > maxBytes) {
    discard(body);
    return { kind: "too-large", size: response.ContentLength };
  }
  const read = await readCapped(body, maxBytes);
  if (read.kind === "too-large") return read;
  return {
    kind: "page",
    bytes: read.bytes,
    contentType: response.ContentType,
    url: response.Metadata?.[SOURCE_URL_METADATA] || undefined,
  };
}

async function readCapped(
  body: unknown,
  maxBytes: number,
): Promise<{ kind: "bytes"; bytes: Uint8Array } | { kind: "too-large"; size: null }> {
  if (body === undefined || body === null) return { kind: "bytes", bytes: new Uint8Array() };
  if (!isAsyncIterable(body)) throw new TypeError("S3 object body is not a stream");
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
    total += bytes.byteLength;
    // Leaving the loop early destroys the stream: the rest is never downloaded.
    if (total > maxBytes) return { kind: "too-large", size: null };
    chunks.push(bytes);
  }
  return { kind: "bytes", bytes: Buffer.concat(chunks, total) };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

function discard(body: unknown): void {
  const destroyable = body as { destroy?: () => void } | undefined;
  destroyable?.destroy?.();
}
