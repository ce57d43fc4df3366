import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Context, SQSBatchResponse, SQSRecord } from "aws-lambda";
import { inFlightRecords } from "../aws/in-flight-records";
import { FIRST_SENT_ATTRIBUTE } from "../config/resources";
import { MalformedMessageError, TransientError } from "../errors";
import { type RecordEventType, recordEvent } from "../events/ingest-notification";
import { type NotificationBatcher, notificationBatcher } from "../events/notification-batcher";
import { type PageVersion, parseRecordMessage } from "../events/record-message";
import { keyedLog, type Log } from "../observability/log";
import { METRIC, type MetricsSink, MetricUnit } from "../observability/metrics";
import type { MeetingRecord } from "../record/record-schema";
import type { KnownClaim } from "../storage/content-claim";
import { type IndexWriter, indexWriteBatcher } from "../storage/index-write-batcher";
import { type BatchSnapshots, prefetchBatch } from "../storage/record-prefetch";
import { type StoreResult, storeRecord } from "../storage/record-store";
import { hasTimeFor, type WaitBudget } from "../storage/wait-budget";
import { queuePageReparse } from "./queue-page-reparse";
import { type ResolvedRecordMessage, resolveRecordMessage } from "./resolve-record-message";
import { type FailedForNow, retrySoon } from "./retry-soon";

export interface StoreRecordDeps {
  ddb: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  tableName: string;
  artifactsBucket: string;
  topicArn: string;
  /** where a page whose record's claim check expired is queued for re-parsing */
  pageEventsQueueUrl: string;
  /** the queue these messages come from: a message failed for contention is brought back sooner (retry-soon.ts) */
  recordsQueueUrl: string;
  logger: Log;
  metrics: MetricsSink;
  now: () => Date;
}

const OUTCOME_METRIC = {
  created: METRIC.recordsCreated,
  updated: METRIC.recordsUpdated,
  unchanged: METRIC.recordsUnchanged,
} as const;

/**
 * Handles a batch from the records queue: resolve the record (claim check),
 * store it conditionally on its version, then notify. A failure of DynamoDB,
 * S3, SQS or SNS fails only its message, which is retried. A message that
 * can never succeed (not a record message, invalid record) is logged and
 * failed too, so it ends in the records DLQ for inspection and redrive
 * rather than vanishing: this queue is fed only by parse-page, so such a
 * message is a bug worth keeping.
 *
 * A pointer whose claim check has expired (a message redriven after the
 * lifecycle rule's age) is no bug: its page version is queued for
 * re-parsing, which sends a new record message with a fresh claim check,
 * and the message is done. Warned and counted (ClaimChecksExpired).
 *
 * Notifications are at least once: the record item remembers a
 * created/updated notification until it is published (outbox), so a
 * publish that fails after the write is retried by the next delivery. The
 * store publishes it through the announce callback once the index is
 * complete, so that one update clears both the index mark and the outbox.
 *
 * The batch's records are handled side by side (a record held up by
 * throttling does not hold the rest up), each with its own log (keyedLog)
 * carrying its correlation id. Failures are reported in batch order.
 *
 * Requests per record: once the messages are resolved, one consistent
 * BatchGetItem reads every record item of the batch and the content claims
 * of their bytes, and a second the items of the records other claims name
 * (record-prefetch.ts). Each record's first attempt decides on them instead
 * of its own GetItem, and, for bytes another record already holds, instead
 * of a claim Put bound to fail and two reads; should the batch read fail,
 * each record reads its own. The notifications go out
 * through one batcher per invocation (notification-batcher.ts): up to ten
 * in a PublishBatch, each settling on its own entry's result, so a refused
 * one stays owed for its record's redelivery as a failed Publish did. The
 * index items likewise (index-write-batcher.ts): the records' requests
 * share BatchWriteItem calls of 25, and a record whose requests are not all
 * written fails alone, releasing its mark as before.
 *
 * A message failed with a TransientError (contention, throttling) is made
 * visible again after seconds, not the queue's three-minute visibility
 * timeout (retry-soon.ts): copies of one page uploaded together contend for
 * one record, and the last of them would otherwise wait minutes.
 */
export async function processRecordMessages(
  records: SQSRecord[],
  deps: StoreRecordDeps,
  context?: Context,
): Promise<SQSBatchResponse> {
  // Waits end well before the function's timeout: a record that cannot finish fails alone, for redelivery.
  const budget: WaitBudget = context ? { remainingTimeMs: () => context.getRemainingTimeInMillis() } : {};
  const resolutions = new Map(records.map((record) => [record.messageId, resolveMessage(deps, record)]));
  const snapshots = await prefetch(deps, budget, await Promise.allSettled(resolutions.values()));
  // One count of the records in flight for both batchers (a record waiting on one runs towards neither),
  // made in the order a record meets them: its index writes, then its notification.
  const inFlight = inFlightRecords();
  const indexWriter = indexWriteBatcher({ ddb: deps.ddb, tableName: deps.tableName, ...budget }, inFlight);
  const notifier = notificationBatcher({ sns: deps.sns, topicArn: deps.topicArn }, undefined, inFlight);
  const processor = new BatchProcessor(EventType.SQS);
  const transient: FailedForNow[] = [];
  processor.register(
    records,
    (record: SQSRecord) =>
      inFlight.track(() =>
        handleRecordMessage(record, resolutions.get(record.messageId) ?? resolveMessage(deps, record), {
          ...deps,
          ...budget,
          logger: keyedLog(deps.logger),
          snapshots,
          notifier,
          indexWriter,
          transient,
        }),
      ),
    { throwOnFullBatchFailure: false, processInParallel: true },
  );
  await processor.process();
  await retrySoon({ sqs: deps.sqs, queueUrl: deps.recordsQueueUrl, logger: deps.logger }, transient);
  return inBatchOrder(processor.response(), records);
}

type Resolved = Awaited<ReturnType<typeof resolveRecordMessage>>;

function resolveMessage(deps: StoreRecordDeps, message: SQSRecord): Promise<Resolved> {
  return (async () => resolveRecordMessage(deps, parseRecordMessage(message.body)))();
}

/**
 * The record items of the resolved messages, and the content claims of
 * their bytes, read at once; none when the read fails (each record then
 * reads its own) or the invocation has too little time left to store any.
 */
async function prefetch(
  deps: StoreRecordDeps,
  budget: WaitBudget,
  resolved: PromiseSettledResult<Resolved>[],
): Promise<BatchSnapshots> {
  const wants = resolved.flatMap((result) =>
    result.status === "fulfilled" && result.value.kind === "record"
      ? [{ id: result.value.record.id, sha256: result.value.record.source.sha256 }]
      : [],
  );
  if (wants.length === 0 || !hasTimeFor(budget)) return NO_SNAPSHOTS;
  try {
    return await prefetchBatch({ ...deps, ...budget }, wants);
  } catch (error) {
    deps.logger.warn("could not read the batch's record items at once; each record reads its own", { error });
    return NO_SNAPSHOTS;
  }
}

const NO_SNAPSHOTS: BatchSnapshots = { records: new Map(), claims: new Map() };

/** The claim of a record's bytes as the batch read it, with the item of the record it names. */
function knownClaim(snapshots: BatchSnapshots, sha256: string): KnownClaim | undefined {
  const claim = snapshots.claims.get(sha256);
  if (claim === undefined) return undefined;
  return claim ? { claim, owner: snapshots.records.get(claim.recordId) } : { claim };
}

/** The processor lists failures as they happen; records handled side by side fail in any order. */
function inBatchOrder(response: SQSBatchResponse, records: SQSRecord[]): SQSBatchResponse {
  const position = new Map(records.map((record, index) => [record.messageId, index]));
  const at = (id: string) => position.get(id) ?? records.length;
  return {
    batchItemFailures: [...response.batchItemFailures].sort((a, b) => at(a.itemIdentifier) - at(b.itemIdentifier)),
  };
}

const CORRELATION_ID = "correlation_id";

/** One message, logging through its own log (deps.logger, keyedLog): its correlation id is its own. */
async function handleRecordMessage(
  message: SQSRecord,
  resolution: Promise<Resolved>,
  deps: BatchDeps,
): Promise<StoreResult | "reparse-queued"> {
  try {
    const resolved = await resolution;
    if (resolved.kind === "claim-check-expired") return await reparseExpired(message, resolved, deps);
    const { record, version } = resolved;
    deps.logger.appendKeys({ [CORRELATION_ID]: record.id });
    return await storeAndNotify(record, version, deps);
  } catch (error) {
    // The batch processor records a failure without logging it: say here why the message fails.
    const malformed = error instanceof MalformedMessageError;
    // A TransientError is Docket deferring to a later delivery (contention, throttling): expected, a warning.
    const log = error instanceof TransientError ? deps.logger.warn : deps.logger.error;
    if (error instanceof TransientError) deps.transient.push({ message, settlesWithinMs: error.settlesWithinMs });
    log.call(
      deps.logger,
      malformed
        ? "malformed record message; failing it so it ends in the DLQ"
        : "record message failed; it will be retried",
      {
        messageId: message.messageId,
        receiveCount: message.attributes?.ApproximateReceiveCount,
        ...(malformed ? { reason: error.message } : { error }),
      },
    );
    throw error;
  }
}

/** What each record of one invocation works with: its own logger, the batch's snapshots, notification and index batchers. */
interface BatchDeps extends StoreRecordDeps, WaitBudget {
  snapshots: BatchSnapshots;
  notifier: NotificationBatcher;
  indexWriter: IndexWriter;
  /** messages failed with a TransientError, to be brought back soon */
  transient: FailedForNow[];
}

async function reparseExpired(
  message: SQSRecord,
  expired: Extract<ResolvedRecordMessage, { kind: "claim-check-expired" }>,
  deps: StoreRecordDeps,
): Promise<"reparse-queued"> {
  await queuePageReparse(deps, expired.version);
  deps.metrics.addMetric(METRIC.claimChecksExpired, MetricUnit.Count, 1);
  deps.logger.warn("claim check has expired; queued the page for re-parsing, which sends the record again", {
    messageId: message.messageId,
    claimCheck: `s3://${expired.pointer.bucket}/${expired.pointer.key}`,
    uri: expired.version.uri,
    versionId: expired.version.versionId ?? null,
    ...firstSent(message),
  });
  return "reparse-queued";
}

/** When the message was first queued: kept by `docket redrive` (FIRST_SENT_ATTRIBUTE), else this copy's. */
function firstSent(message: SQSRecord): { firstSentAt?: string } {
  const millis = Number(
    message.messageAttributes?.[FIRST_SENT_ATTRIBUTE]?.stringValue ?? message.attributes?.SentTimestamp,
  );
  return Number.isFinite(millis) && millis > 0 ? { firstSentAt: new Date(millis).toISOString() } : {};
}

async function storeAndNotify(record: MeetingRecord, version: PageVersion, deps: BatchDeps): Promise<StoreResult> {
  const publish = (type: RecordEventType, stored: MeetingRecord, reason?: StoreResult["reason"]) =>
    deps.notifier.publish(recordEvent(type, stored, deps.now(), reason, version));
  const result = await storeRecord(
    { ...deps, warn: (text, details) => deps.logger.warn(text, details) },
    record,
    version,
    (type, stored) => publish(type, stored),
    {
      snapshot: deps.snapshots.records.get(record.id),
      claimSnapshot: knownClaim(deps.snapshots, record.source.sha256),
    },
  );
  deps.metrics.addMetric(OUTCOME_METRIC[result.outcome], MetricUnit.Count, 1);
  deps.logger.info(`record ${result.outcome}`, {
    uri: version.uri,
    ...(result.reason ? { reason: result.reason } : {}),
  });

  if (!result.announced) {
    await publish(`record.${result.outcome}`, { ...record, duplicateOf: result.duplicateOf }, result.reason);
  }
  return result;
}
