import { brotliDecompressSync } from "node:zlib";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { isObjectGone } from "../aws/object-gone";
import { type MeetingRecord, parseMeetingRecord } from "../record/record-schema";
import { keys } from "./item-keys";
import type { RecordItem } from "./record-item";

export interface RecordReaderDeps {
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  tableName: string;
  artifactsBucket: string;
}

// A writer deletes the previous body object right after pointing the item at
// a new one, so a reader that lost that race re-reads the item.
const POINTER_ATTEMPTS = 3;

/** Reads one record by id, resolving a body stored in S3; null when there is no such record. */
export async function readRecord(deps: RecordReaderDeps, id: string): Promise<MeetingRecord | null> {
  for (let attempt = 1; ; attempt++) {
    const item = await readRecordItem(deps, id);
    if (!item) return null;
    const inline = inlineJson(item);
    if (inline !== undefined) return parseMeetingRecord(JSON.parse(inline));
    if (!item.recordPointer) throw new Error(`record item ${id} has no record body and no pointer to one`);
    try {
      const object = await deps.s3.send(
        new GetObjectCommand({ Bucket: item.recordPointer.bucket, Key: item.recordPointer.key }),
      );
      const text = await object.Body?.transformToString("utf-8");
      if (text === undefined) throw new Error(`record body ${item.recordPointer.key} is empty`);
      return parseMeetingRecord(JSON.parse(text));
    } catch (error) {
      if (attempt >= POINTER_ATTEMPTS || !(await isObjectGone(deps.s3, error, item.recordPointer))) throw error;
    }
  }
}

/** The record's JSON when the item holds it: compressed, or as text (items written before compression). */
export function inlineJson(item: Pick<RecordItem, "recordBrotli" | "recordJson">): string | undefined {
  if (item.recordBrotli !== undefined) return brotliDecompressSync(item.recordBrotli).toString("utf8");
  return item.recordJson;
}

/** The raw record item, or null. */
export async function readRecordItem(
  deps: Pick<RecordReaderDeps, "ddb" | "tableName">,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<RecordItem | null> {
  const result = await deps.ddb.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.record(id), ConsistentRead: options.consistent ?? false }),
  );
  return (result.Item as RecordItem | undefined) ?? null;
}
