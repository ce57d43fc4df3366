import { randomBytes, randomUUID } from "node:crypto";
import type { S3Event, S3EventRecord } from "aws-lambda";

/**
 * The S3 event notification JSON exactly as S3 puts it on an SQS queue, built
 * by the local runtime (fauxqs sends none) and by `docket reprocess`, so the
 * parse-page function sees one shape whatever produced the event.
 */
export type ObjectCreatedEventName =
  | "ObjectCreated:Put"
  | "ObjectCreated:Post"
  | "ObjectCreated:Copy"
  | "ObjectCreated:CompleteMultipartUpload";

export interface ObjectCreated {
  eventName: ObjectCreatedEventName;
  region: string;
  bucket: string;
  /** The key as stored (not encoded). */
  key: string;
  /** S3 always names size, eTag and sequencer; a re-parse event knows only what its record message kept. */
  size?: number | undefined;
  /** Without the quotes S3 puts around ETag headers. */
  eTag?: string | undefined;
  versionId?: string | undefined;
  sequencer?: string | undefined;
  eventTime?: Date;
  sourceIp?: string;
  requestId?: string;
  /** The notification configuration's id; says in the DLQ which path made an event. */
  configurationId?: string;
}

/** S3's principal ids are opaque; locally one fixed id stands for "the account". */
const LOCAL_PRINCIPAL = "AWS:000000000000";

export function objectCreatedEvent(created: ObjectCreated): S3Event {
  const requestId = created.requestId ?? randomBytes(8).toString("hex").toUpperCase();
  const record: S3EventRecord = {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: created.region,
    eventTime: (created.eventTime ?? new Date()).toISOString(),
    eventName: created.eventName,
    userIdentity: { principalId: LOCAL_PRINCIPAL },
    requestParameters: { sourceIPAddress: created.sourceIp ?? "127.0.0.1" },
    responseElements: { "x-amz-request-id": requestId, "x-amz-id-2": randomBytes(32).toString("base64") },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: created.configurationId ?? "docket-raw-pages",
      bucket: {
        name: created.bucket,
        ownerIdentity: { principalId: "000000000000" },
        arn: `arn:aws:s3:::${created.bucket}`,
      },
      // Absent fields are left out, as consumers read them (shared/events/page-event.ts) as unknown.
      object: {
        key: encodeS3EventKey(created.key),
        ...(created.size !== undefined ? { size: created.size } : {}),
        ...(created.eTag !== undefined ? { eTag: created.eTag } : {}),
        ...(created.versionId ? { versionId: created.versionId } : {}),
        ...(created.sequencer !== undefined ? { sequencer: created.sequencer } : {}),
      } as S3EventRecord["s3"]["object"],
    },
  };
  return { Records: [record] };
}

/** What S3 sends once when a notification configuration is saved; consumers must tolerate it. */
export function s3TestEvent(bucket: string): Record<string, string> {
  return {
    Service: "Amazon S3",
    Event: "s3:TestEvent",
    Time: new Date().toISOString(),
    Bucket: bucket,
    RequestId: randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase(),
    HostId: randomBytes(32).toString("base64"),
  };
}

/**
 * S3 form-encodes the key in notifications (Java URLEncoder rules, `/` kept):
 * a space becomes `+`, everything outside [A-Za-z0-9.*_-/] becomes %XX of its
 * UTF-8 bytes. Consumers decode with decodeURIComponent(key.replace(/\+/g, " ")).
 */
export function encodeS3EventKey(key: string): string {
  let encoded = "";
  for (const byte of Buffer.from(key, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.*_\-/]/.test(char)) encoded += char;
    else if (char === " ") encoded += "+";
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/**
 * Sequencers as S3 writes them: 18 hex digits, seconds since the epoch in the
 * high part, so values from one clock compare as strings and grow with time.
 * Strictly increasing within a process, hence per key as S3 guarantees.
 */
export function createSequencer(now: () => number = Date.now): () => string {
  let last = 0n;
  return () => {
    const ms = now();
    const fromClock = (BigInt(Math.floor(ms / 1000)) << 32n) | (BigInt(ms % 1000) << 22n);
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, "0");
  };
}
