import { PublishBatchCommand } from "@aws-sdk/client-sns";
import { type InFlightRecords, inFlightRecords } from "../aws/in-flight-records";
import type { IngestNotification } from "./ingest-notification";
import { type NotificationDeps, notificationMessage } from "./publish-notification";

/** PublishBatch takes at most 10 entries, and 256 KiB of messages and attributes in all. */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 256 * 1024;
/** The longest an entry waits for others to join it: a record held up elsewhere does not hold the rest. */
export const MAX_PUBLISH_WAIT_MS = 20;

/**
 * One invocation's notifications, published in PublishBatch calls rather
 * than one Publish each. Records handled side by side run through `track`,
 * so the batcher knows how many are still in flight; `publish` settles
 * with that one notification's own result. A batch goes out when ten
 * wait, when every record still in flight is waiting to publish (nothing
 * more can join), or MAX_PUBLISH_WAIT_MS after its first entry, whichever
 * comes first. SNS reports each entry on its own: a refused entry rejects
 * only its own publish; a call that throws (network, throttling past the
 * SDK's retries) rejects every entry in it. The records in flight are
 * counted once per invocation (in-flight-records.ts), shared with the
 * index writes' batcher.
 */
export interface NotificationBatcher {
  /** Runs one record's work, counted as in flight until it settles. */
  track<T>(work: () => Promise<T>): Promise<T>;
  publish(notification: IngestNotification): Promise<void>;
}

interface Waiting {
  notification: IngestNotification;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function notificationBatcher(
  deps: NotificationDeps,
  maxWaitMs = MAX_PUBLISH_WAIT_MS,
  records: InFlightRecords = inFlightRecords(),
): NotificationBatcher {
  const queue = records.queue<Waiting>({
    maxWaitMs,
    isFull: (entries) => entries.length >= MAX_ENTRIES,
    send(entries) {
      for (const batch of batches(entries)) void send(deps, batch);
      return [];
    },
  });
  return {
    track: (work) => records.track(work),
    publish(notification) {
      return new Promise<void>((resolve, reject) => queue.add({ notification, resolve, reject }));
    },
  };
}

/** The entries in order, split so that no call exceeds PublishBatch's limits. */
function* batches(entries: Waiting[]): Generator<Waiting[]> {
  let batch: Waiting[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry.notification);
    if (batch.length === MAX_ENTRIES || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function entrySize(notification: IngestNotification): number {
  const { Message, MessageAttributes } = notificationMessage(notification);
  return Object.entries(MessageAttributes).reduce(
    (sum, [name, value]) =>
      sum +
      Buffer.byteLength(name) +
      Buffer.byteLength(value.DataType ?? "") +
      Buffer.byteLength(value.StringValue ?? ""),
    Buffer.byteLength(Message),
  );
}

async function send(deps: NotificationDeps, batch: Waiting[]): Promise<void> {
  try {
    const result = await deps.sns.send(
      new PublishBatchCommand({
        TopicArn: deps.topicArn,
        PublishBatchRequestEntries: batch.map((entry, index) => ({
          Id: String(index),
          ...notificationMessage(entry.notification),
        })),
      }),
    );
    const published = new Set((result.Successful ?? []).map((entry) => entry.Id));
    const failed = new Map((result.Failed ?? []).map((entry) => [entry.Id, entry]));
    for (const [index, entry] of batch.entries()) {
      const failure = failed.get(String(index));
      if (published.has(String(index))) entry.resolve();
      else
        entry.reject(
          new Error(
            failure
              ? `SNS refused the ${entry.notification.type} notification: ${failure.Code}: ${failure.Message ?? ""}`
              : `SNS reported nothing for the ${entry.notification.type} notification; taking it as not published`,
          ),
        );
    }
  } catch (error) {
    // Every entry not yet settled: a settled promise ignores a second settling.
    for (const entry of batch) entry.reject(error);
  }
}
