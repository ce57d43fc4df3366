import { HeadObjectCommand, paginateListObjectsV2, type S3Client } from "@aws-sdk/client-s3";
import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { createSequencer, objectCreatedEvent } from "../../shared/events/s3-event-notification";

/**
 * Replays raw pages through the pipeline: for each object under the prefix,
 * an S3 ObjectCreated event of the same shape S3 sends, with the object's
 * current size, eTag and versionId, on the page-events queue.
 *
 * Version order (record-version.ts): within one key the S3 sequencer decides.
 * S3 does not expose an object's original one, so a fresh sequencer in S3's
 * layout (18 hex digits, epoch seconds in the high part, as observed in real
 * events) makes the replay newer than the upload it re-reads and older than
 * any later upload: the re-parse lands (or reports record.unchanged when
 * nothing changed) without outranking future writes. Across keys that share
 * a record id the event time decides, so the replay carries the object's
 * last-modified time, never the time of the replay: replaying an older page
 * after a newer one cannot make the older one win.
 */
export interface ReprocessOptions {
  s3: S3Client;
  sqs: SQSClient;
  region: string;
  bucket: string;
  queueUrl: string;
  prefix: string;
  concurrency?: number;
  onProgress?: (enqueued: number) => void;
}

export interface ReprocessResult {
  enqueued: number;
  failed: { key: string; error: string }[];
}

export async function reprocessRaw(options: ReprocessOptions): Promise<ReprocessResult> {
  const result: ReprocessResult = { enqueued: 0, failed: [] };
  const nextSequencer = createSequencer();
  const pages = paginateListObjectsV2({ client: options.s3 }, { Bucket: options.bucket, Prefix: options.prefix });
  for await (const page of pages) {
    const listed = (page.Contents ?? [])
      .map((object) => ({ key: object.Key ?? "", lastModified: object.LastModified }))
      .filter(({ key }) => key !== "" && !key.endsWith("/"));
    const events = await describeObjects(options, listed, nextSequencer, result);
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      const sent = await options.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: batch.map((event, index) => ({ Id: String(index), MessageBody: event.body })),
        }),
      );
      for (const failure of sent.Failed ?? []) {
        const event = batch[Number(failure.Id)];
        result.failed.push({ key: event?.key ?? "?", error: failure.Message ?? failure.Code ?? "send failed" });
      }
      result.enqueued += (sent.Successful ?? []).length;
      options.onProgress?.(result.enqueued);
    }
  }
  return result;
}

async function describeObjects(
  options: ReprocessOptions,
  listed: { key: string; lastModified: Date | undefined }[],
  nextSequencer: () => string,
  result: ReprocessResult,
): Promise<{ key: string; body: string }[]> {
  const events: { key: string; body: string }[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < listed.length; index = next++) {
      const { key, lastModified: listedLastModified } = listed[index] as (typeof listed)[number];
      // The listing's time (S3 gives whole seconds in HEAD's Last-Modified header); HEAD's if none.
      try {
        const head = await options.s3.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
        const event = objectCreatedEvent({
          eventName: "ObjectCreated:Put",
          region: options.region,
          bucket: options.bucket,
          key,
          size: head.ContentLength ?? 0,
          eTag: (head.ETag ?? "").replaceAll('"', ""),
          versionId: head.VersionId,
          sequencer: nextSequencer(),
          ...((listedLastModified ?? head.LastModified) ? { eventTime: listedLastModified ?? head.LastModified } : {}),
        });
        events.push({ key, body: JSON.stringify(event) });
      } catch (error) {
        result.failed.push({ key, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, Math.max(1, listed.length)) }, worker));
  return events;
}
