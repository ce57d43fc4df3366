import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { isObjectGone } from "../aws/object-gone";
import { ARTIFACT_PREFIXES } from "../config/resources";
import { MalformedMessageError } from "../errors";
import type { PageVersion, RecordMessage } from "../events/record-message";
import { type MeetingRecord, meetingRecordSchema } from "../record/record-schema";

export type ResolvedRecordMessage =
  | { kind: "record"; record: MeetingRecord; version: PageVersion }
  /**
   * The claim check is gone: the lifecycle rule expired it, which happens to
   * a message redriven after the rule's age (each redrive is a new message
   * with a new retention). The page version can still be re-parsed.
   */
  | { kind: "claim-check-expired"; pointer: { bucket: string; key: string }; version: PageVersion };

/**
 * The record a records-queue message carries, fetched from the artifacts
 * bucket when it travelled as a pointer, and validated against the schema.
 * An invalid record, or a pointer outside this pipeline's claim checks, can
 * never succeed: MalformedMessageError. A claim check that no longer exists
 * is `claim-check-expired`. Any other S3 failure throws as is (retried).
 */
export async function resolveRecordMessage(
  deps: { s3: S3Client; artifactsBucket: string },
  message: RecordMessage,
): Promise<ResolvedRecordMessage> {
  let json: unknown;
  if ("record" in message) {
    json = message.record;
  } else {
    const fetched = await fetchPointer(deps, message.pointer);
    if (fetched.kind === "gone")
      return { kind: "claim-check-expired", pointer: message.pointer, version: message.version };
    json = fetched.json;
  }
  const parsed = meetingRecordSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedMessageError(`record message carries an invalid record: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  return { kind: "record", record: parsed.data, version: message.version };
}

async function fetchPointer(
  deps: { s3: S3Client; artifactsBucket: string },
  pointer: { bucket: string; key: string },
): Promise<{ kind: "json"; json: unknown } | { kind: "gone" }> {
  const where = `s3://${pointer.bucket}/${pointer.key}`;
  // Only parse-page's claim checks can expire; a pointer elsewhere (or to a missing bucket) is a bug, kept in the DLQ.
  if (pointer.bucket !== deps.artifactsBucket || !pointer.key.startsWith(ARTIFACT_PREFIXES.claimChecks)) {
    throw new MalformedMessageError(`pointer ${where} is not a claim check of this pipeline`);
  }
  let text: string | undefined;
  try {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: pointer.bucket, Key: pointer.key }));
    text = await object.Body?.transformToString("utf-8");
  } catch (error) {
    // A missing bucket is a misconfiguration, retried, never a claim check to re-parse around.
    if ((error as { name?: string }).name !== "NoSuchBucket" && (await isObjectGone(deps.s3, error, pointer))) {
      return { kind: "gone" };
    }
    throw error;
  }
  try {
    return { kind: "json", json: JSON.parse(text ?? "") };
  } catch (cause) {
    throw new MalformedMessageError(`claim check ${where} is not JSON`, { cause });
  }
}
