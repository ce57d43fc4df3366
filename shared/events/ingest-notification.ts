import * as z from "zod";
import type { MeetingRecord } from "../record/record-schema";
import { regionDisplayName } from "../storage/meeting-summary";

/**
 * Notifications on the ingest-events topic. Each is small (SNS takes
 * 256 KB): it names the page or record and summarises it, never carries the
 * record itself. Published with a String message attribute `type` equal to
 * the `type` field, so subscribers filter with a subscription filter policy.
 */

export const pageRejectionCodes = [
  "empty",
  "binary",
  "too-large",
  "undecodable",
  "invalid-record",
  /** the parse ran past its time budget (PARSE_BUDGET_MS) */
  "too-complex",
  /** the object was deleted (or its version is gone) before it could be read */
  "missing",
  /** the event's object key is not valid URL encoding, so the object cannot be named */
  "bad-key",
] as const;

export type PageRejectionCode = (typeof pageRejectionCodes)[number];

/**
 * Which version of the source object a notification settles, as its S3
 * event named it (optional: notifications before it carry none). A
 * subscriber that tracks pages (the local settled-pages ledger) matches on
 * it, so the notification of an older version never counts for a newer one
 * written under the same key; a repeated notification of one version is
 * recognisable as such.
 */
export const sourceVersionSchema = z.object({
  /** the event's time: the object's last-modified time */
  eventTime: z.string(),
  sequencer: z.string().nullable().optional(),
  versionId: z.string().nullable().optional(),
  eTag: z.string().nullable().optional(),
});
export type SourceVersion = z.infer<typeof sourceVersionSchema>;

export const pageRejectedSchema = z.object({
  type: z.literal("page.rejected"),
  uri: z.string(),
  reason: z.object({ code: z.enum(pageRejectionCodes), message: z.string() }),
  size: z.number().int().nonnegative().optional(),
  version: sourceVersionSchema.optional(),
  at: z.string(),
});

export const recordEventTypes = ["record.created", "record.updated", "record.unchanged"] as const;
export type RecordEventType = (typeof recordEventTypes)[number];

/**
 * Why a record did not change: the same version again, an older version that
 * lost to the stored one, or a newer version whose record is identical.
 */
export const unchangedReasons = ["duplicate", "stale", "same-content"] as const;
export type UnchangedReason = (typeof unchangedReasons)[number];

export const recordEventSchema = z.object({
  type: z.enum(recordEventTypes),
  id: z.string(),
  title: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  meetingDate: z.string().nullable(),
  uri: z.string(),
  /** record.unchanged only */
  reason: z.enum(unchangedReasons).optional(),
  /** only when the record's raw bytes repeat another record's: that record's id */
  duplicateOf: z.string().optional(),
  version: sourceVersionSchema.optional(),
  at: z.string(),
});

export const ingestNotificationSchema = z.discriminatedUnion("type", [pageRejectedSchema, recordEventSchema]);

export type PageRejectedNotification = z.infer<typeof pageRejectedSchema>;
export type RecordEventNotification = z.infer<typeof recordEventSchema>;
export type IngestNotification = z.infer<typeof ingestNotificationSchema>;

// Titles and rejection reasons come from arbitrary pages (a schema failure lists every bad field, a
// thrown parser error carries whatever it says); keep notifications far below the SNS limit.
const MAX_TITLE_CHARS = 500;
const MAX_REASON_CHARS = 2000;

export function pageRejected(
  uri: string,
  reason: { code: PageRejectionCode; message: string },
  at: Date,
  size?: number | null,
  version?: SourceVersion,
): PageRejectedNotification {
  return {
    type: "page.rejected",
    uri,
    reason: { code: reason.code, message: truncate(reason.message, MAX_REASON_CHARS) },
    ...(size === undefined || size === null ? {} : { size }),
    ...(version ? { version: sourceVersion(version) } : {}),
    at: at.toISOString(),
  };
}

export function recordEvent(
  type: RecordEventType,
  record: MeetingRecord,
  at: Date,
  reason?: UnchangedReason,
  version?: SourceVersion,
): RecordEventNotification {
  return {
    type,
    id: record.id,
    title: record.title === null ? null : record.title.slice(0, MAX_TITLE_CHARS),
    region: record.region ? { code: record.region.code, name: regionDisplayName(record.region) } : null,
    meetingDate: record.meeting?.date ?? null,
    uri: record.source.uri,
    ...(reason ? { reason } : {}),
    ...(record.duplicateOf ? { duplicateOf: record.duplicateOf } : {}),
    ...(version ? { version: sourceVersion(version) } : {}),
    at: at.toISOString(),
  };
}

/** Only the identity fields, whatever else the given version carries; absent ones left out. */
function sourceVersion(version: SourceVersion): SourceVersion {
  return {
    eventTime: version.eventTime,
    ...(version.sequencer ? { sequencer: version.sequencer } : {}),
    ...(version.versionId ? { versionId: version.versionId } : {}),
    ...(version.eTag ? { eTag: version.eTag } : {}),
  };
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}
