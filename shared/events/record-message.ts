import * as z from "zod";
import { MalformedMessageError } from "../errors";
import type { MeetingRecord } from "../record/record-schema";

/**
 * The records-queue message: a parsed record and the page version it was
 * built from. The record travels inline, or — when its message would exceed
 * MAX_MESSAGE_BYTES — as a pointer to its JSON in the artifacts bucket
 * (claim check). The record itself is validated by the store side against
 * the record schema after the pointer is resolved.
 *
 *   { "record": {…}, "version": {…} }
 *   { "pointer": { "bucket": "…", "key": "claims/records/<id>/<sha256>.json" }, "version": {…} }
 */

export const pageVersionSchema = z.object({
  /** s3://bucket/key of the raw page */
  uri: z.string().min(1),
  /** S3 event sequencer (hex); orders events for the same key; null for hand-made events */
  sequencer: z.string().nullable(),
  versionId: z.string().nullable().optional(),
  /** the object's ETag from its S3 event; names the version in notifications, never orders versions */
  eTag: z.string().nullable().optional(),
  /** ISO 8601 UTC with milliseconds */
  eventTime: z.string(),
  /** of the raw bytes */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  parserVersion: z.string().min(1),
});

export const s3PointerSchema = z.object({ bucket: z.string().min(1), key: z.string().min(1) });

export const recordMessageSchema = z.union([
  z.object({ record: z.record(z.string(), z.unknown()), version: pageVersionSchema }),
  z.object({ pointer: s3PointerSchema, version: pageVersionSchema }),
]);

export type PageVersion = z.infer<typeof pageVersionSchema>;
export type RecordMessage = z.infer<typeof recordMessageSchema>;
export type InlineRecordMessage = { record: MeetingRecord; version: PageVersion };

/** Parses a records-queue body; MalformedMessageError when it is not JSON or not one of the two shapes. */
export function parseRecordMessage(body: string): RecordMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new MalformedMessageError("record message is not JSON", { cause });
  }
  const parsed = recordMessageSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedMessageError(`record message has the wrong shape: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
