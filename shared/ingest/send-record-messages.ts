import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from "@aws-sdk/client-sqs";
import { ARTIFACT_PREFIXES, MAX_MESSAGE_BYTES } from "../config/resources";
import type { InlineRecordMessage, RecordMessage } from "../events/record-message";

/** SendMessageBatch takes at most 10 entries and 1 MiB in total (bodies and attributes). */
const MAX_BATCH_ENTRIES = 10;
const MAX_BATCH_BYTES = 1024 * 1024;

export interface SendRecordDeps {
  sqs: SQSClient;
  s3: S3Client;
  recordsQueueUrl: string;
  artifactsBucket: string;
  warn?: (message: string, details: Record<string, unknown>) => void;
}

/** A record to send, and the page-events message it came from (which fails if the send fails). */
export interface OutgoingRecord {
  sourceId: string;
  message: InlineRecordMessage;
}

/**
 * Sends record messages to the records queue, batched by 10 and by size.
 * A record whose message would exceed MAX_MESSAGE_BYTES is put in the
 * artifacts bucket and travels as a pointer (claim check). Returns the
 * source ids whose records were not all sent — a failed claim-check upload,
 * a failed batch call or a Failed batch entry — so only those are retried.
 */
export async function sendRecordMessages(deps: SendRecordDeps, outgoing: OutgoingRecord[]): Promise<Set<string>> {
  const failed = new Set<string>();
  const entries: { sourceId: string; entry: SendMessageBatchRequestEntry; bytes: number }[] = [];
  for (const item of outgoing) {
    try {
      const body = await messageBody(deps, item.message);
      const entry = {
        Id: `m${entries.length}`,
        MessageBody: body,
        MessageAttributes: { recordId: { DataType: "String", StringValue: item.message.record.id } },
      };
      entries.push({ sourceId: item.sourceId, entry, bytes: entryBytes(entry) });
    } catch (error) {
      deps.warn?.("could not store an oversized record message", { sourceId: item.sourceId, error: String(error) });
      failed.add(item.sourceId);
    }
  }
  for (const batch of batches(entries)) {
    const bySourceId = new Map(batch.map(({ entry, sourceId }) => [entry.Id, sourceId]));
    try {
      const result = await deps.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: deps.recordsQueueUrl, Entries: batch.map(({ entry }) => entry) }),
      );
      const sent = new Set((result.Successful ?? []).map((success) => success.Id));
      for (const failure of result.Failed ?? []) {
        deps.warn?.("record message was not sent", {
          sourceId: bySourceId.get(failure.Id ?? ""),
          code: failure.Code,
          reason: failure.Message,
        });
      }
      // An entry neither reported sent nor failed is treated as failed.
      for (const { entry, sourceId } of batch) if (!sent.has(entry.Id)) failed.add(sourceId);
    } catch (error) {
      deps.warn?.("SendMessageBatch failed", { error: String(error), entries: batch.length });
      for (const { sourceId } of batch) failed.add(sourceId);
    }
  }
  return failed;
}

/** The message body: the record inline, or a pointer to it once it is too big to travel. */
async function messageBody(deps: SendRecordDeps, message: InlineRecordMessage): Promise<string> {
  const inline = sqsSafeJson(message);
  if (Buffer.byteLength(inline, "utf8") <= MAX_MESSAGE_BYTES) return inline;
  const recordJson = JSON.stringify(message.record);
  // Content-addressed: the same event always uploads to, and points at, the same object.
  const key = claimCheckKey(message.record.id, recordJson);
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.artifactsBucket,
      Key: key,
      Body: recordJson,
      ContentType: "application/json; charset=utf-8",
    }),
  );
  const pointerMessage: RecordMessage = { pointer: { bucket: deps.artifactsBucket, key }, version: message.version };
  return sqsSafeJson(pointerMessage);
}

/** Claim checks live under their own prefix, which the stack expires after the queues' retention. */
export function claimCheckKey(id: string, recordJson: string): string {
  return `${ARTIFACT_PREFIXES.claimChecks}${id}/${createHash("sha256").update(recordJson, "utf8").digest("hex")}.json`;
}

/**
 * JSON that SQS accepts: it rejects U+FFFE and U+FFFF (outside its allowed
 * XML character set), which JSON.stringify leaves unescaped.
 */
export function sqsSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

function entryBytes(entry: SendMessageBatchRequestEntry): number {
  let bytes = Buffer.byteLength(entry.MessageBody ?? "", "utf8");
  for (const [name, attribute] of Object.entries(entry.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(attribute.DataType ?? "");
    bytes += Buffer.byteLength(attribute.StringValue ?? "");
  }
  return bytes;
}

function batches<T extends { bytes: number }>(entries: T[]): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    if (current.length === MAX_BATCH_ENTRIES || (current.length > 0 && currentBytes + entry.bytes > MAX_BATCH_BYTES)) {
      result.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += entry.bytes;
  }
  if (current.length > 0) result.push(current);
  return result;
}
