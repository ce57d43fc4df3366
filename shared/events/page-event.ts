import * as z from "zod";
import { MalformedMessageError } from "../errors";

/**
 * The page-events queue carries S3 event notifications (or events of the
 * same shape enqueued by `reprocess`). This turns one message body into the
 * pages it announces.
 */

/** One ObjectCreated record, decoded. */
export interface PageEvent {
  bucket: string;
  /** decoded object key */
  key: string;
  /** s3://bucket/key with the decoded key */
  uri: string;
  size: number | null;
  eTag: string | null;
  sequencer: string | null;
  versionId: string | null;
  /** ISO 8601 UTC with milliseconds; the epoch when the event had none */
  eventTime: string;
  eventName: string;
}

export type PageEventEntry =
  | { kind: "page"; event: PageEvent }
  /** the key is not valid URL encoding: the page can be named (raw key) but never read */
  | { kind: "bad-key"; bucket: string; rawKey: string; uri: string; message: string; size: number | null }
  /** not an object creation (e.g. ObjectRemoved): nothing to parse */
  | { kind: "ignored"; uri: string; eventName: string };

export type PageEventMessage =
  /** S3 sends one when a notification is configured; it announces no object */
  { kind: "test-event" } | { kind: "entries"; entries: PageEventEntry[] };

const EPOCH = "1970-01-01T00:00:00.000Z";

const s3TestEventSchema = z.object({ Event: z.literal("s3:TestEvent") });

const s3RecordSchema = z.object({
  eventName: z.string().optional(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      sequencer: z.string().optional(),
      versionId: z.string().optional(),
    }),
  }),
});

const s3EventSchema = z.object({ Records: z.array(s3RecordSchema).min(1) });

/**
 * Parses a page-events message body. Throws MalformedMessageError when the
 * body is not JSON or not an S3 event with a bucket and key per record: such
 * a message names no page, so it cannot become a page.rejected notification.
 */
export function parsePageEventMessage(body: string): PageEventMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new MalformedMessageError("page event is not JSON", { cause });
  }
  if (s3TestEventSchema.safeParse(json).success) return { kind: "test-event" };
  const parsed = s3EventSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedMessageError(`page event is not an S3 event notification: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return { kind: "entries", entries: parsed.data.Records.map(toEntry) };
}

function toEntry(record: z.infer<typeof s3RecordSchema>): PageEventEntry {
  const bucket = record.s3.bucket.name;
  const rawKey = record.s3.object.key;
  const eventName = record.eventName ?? "ObjectCreated:Put";
  const key = decodeS3Key(rawKey);
  const size = record.s3.object.size ?? null;
  if (key === null) {
    return {
      kind: "bad-key",
      bucket,
      rawKey,
      uri: s3Uri(bucket, rawKey),
      message: `object key ${JSON.stringify(rawKey)} is not valid URL encoding`,
      size,
    };
  }
  const uri = s3Uri(bucket, key);
  // Reprocess events and hand-made events may omit the name; anything named must be a creation.
  if (!eventName.startsWith("ObjectCreated:")) return { kind: "ignored", uri, eventName };
  return {
    kind: "page",
    event: {
      bucket,
      key,
      uri,
      size,
      eTag: record.s3.object.eTag ?? null,
      sequencer: record.s3.object.sequencer || null,
      versionId: record.s3.object.versionId || null,
      eventTime: normaliseEventTime(record.eventTime),
      eventName,
    },
  };
}

/** S3 event keys are URL-encoded with `+` for spaces; null when the encoding is broken. */
export function decodeS3Key(rawKey: string): string | null {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** The bucket and (decoded) key of an s3Uri; null when the uri names no object. Bucket names hold no `/`. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const match = /^s3:\/\/([^/]+)\/(.+)$/s.exec(uri);
  return match?.[1] && match[2] ? { bucket: match[1], key: match[2] } : null;
}

// Fixed width (…T12:00:00.000Z) so event times compare as strings; no time sorts first.
function normaliseEventTime(value: string | undefined): string {
  if (!value) return EPOCH;
  const time = Date.parse(value);
  return Number.isNaN(time) ? EPOCH : new Date(time).toISOString();
}
