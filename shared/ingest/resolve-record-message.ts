import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { isObjectGone } from "../aws/object-gone";
import { MalformedMessageError } from "../errors";
import type { PageVersion, RecordMessage } from "../events/record-message";
import { type MeetingRecord, meetingRecordSchema } from "../record/record-schema";

/**
 * The record a records-queue message carries, fetched from the artifacts
 * bucket when it travelled as a pointer, and validated against the schema.
 * A missing claim check or an invalid record can never succeed:
 * MalformedMessageError. An S3 failure throws as is (retried).
 */
export async function resolveRecordMessage(
  deps: { s3: S3Client },
  message: RecordMessage,
): Promise<{ record: MeetingRecord; version: PageVersion }> {
  const json = "record" in message ? message.record : await fetchPointer(deps, message.pointer);
  const parsed = meetingRecordSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedMessageError(`record message carries an invalid record: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  return { record: parsed.data, version: message.version };
}

async function fetchPointer(deps: { s3: S3Client }, pointer: { bucket: string; key: string }): Promise<unknown> {
  let text: string | undefined;
  try {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: pointer.bucket, Key: pointer.key }));
    text = await object.Body?.transformToString("utf-8");
  } catch (error) {
    if (await isObjectGone(deps.s3, error, pointer)) {
      throw new MalformedMessageError(`claim check s3://${pointer.bucket}/${pointer.key} no longer exists`, {
        cause: error,
      });
    }
    throw error;
  }
  try {
    return JSON.parse(text ?? "");
  } catch (cause) {
    throw new MalformedMessageError(`claim check s3://${pointer.bucket}/${pointer.key} is not JSON`, { cause });
  }
}
