import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSRecord } from "aws-lambda";
import { MalformedMessageError } from "../errors";
import { type PageRejectionCode, pageRejected, type SourceVersion } from "../events/ingest-notification";
import { type PageEvent, parsePageEventMessage } from "../events/page-event";
import { publishNotification } from "../events/publish-notification";
import type { InlineRecordMessage } from "../events/record-message";
import type { Log } from "../observability/log";
import { countRejection, METRIC, type MetricsSink, MetricUnit } from "../observability/metrics";
import type { PageInput, ParseOutcome } from "../parse/parse-outcome";
import { readPage } from "./read-page";
import { type OutgoingRecord, sendRecordMessages } from "./send-record-messages";

export type ParseFunction = (bytes: Uint8Array, input: PageInput) => ParseOutcome;

export interface ParsePageDeps {
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  parse: ParseFunction;
  recordsQueueUrl: string;
  artifactsBucket: string;
  topicArn: string;
  maxPageBytes: number;
  /** per page: a parse running longer is stopped and the page rejected as too-complex (PARSE_BUDGET_MS) */
  parseBudgetMs: number;
  logger: Log;
  metrics: MetricsSink;
  now: () => Date;
}

/**
 * Handles a batch from the page-events queue. Each message is an S3 event
 * notification; each page it names is read (size-guarded), parsed, and
 * either sent on as a record message or reported as page.rejected.
 *
 * What becomes of a message:
 * - pages parsed and their record messages sent, pages rejected and
 *   reported, S3 test events, non-creation events: consumed;
 * - an undecodable key, a deleted object, an oversized or unparseable page,
 *   a page whose parse runs past its time budget (too-complex):
 *   consumed with page.rejected (it can never succeed; the raw page, if any,
 *   stays in S3 for reprocess);
 * - a body that is not an S3 event, naming no page: logged, counted
 *   (PagesRejected reason=malformed-message) and failed, so it retries to
 *   the DLQ and is kept there as evidence rather than dropped;
 * - an infrastructure failure (S3, SQS, SNS) or a failed record send: failed,
 *   retried, ending in the DLQ after maxReceiveCount.
 * Record messages of the whole batch are sent together after parsing (one
 * SendMessageBatch per 10), and a failed entry fails only its own message.
 */
export async function processPageEvents(records: SQSRecord[], deps: ParsePageDeps): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  processor.register(records, (record: SQSRecord) => handlePageMessage(record, deps), {
    throwOnFullBatchFailure: false,
  });
  const processed = await processor.process();

  const outgoing: OutgoingRecord[] = [];
  for (const [status, result, record] of processed) {
    if (status !== "success") continue;
    const messageId = (record as SQSRecord).messageId;
    for (const message of result as InlineRecordMessage[]) outgoing.push({ sourceId: messageId, message });
  }
  const sendFailures = await sendRecordMessages(
    { ...deps, warn: (message, details) => deps.logger.error(message, details) },
    outgoing,
  );

  const failed = new Set([...processor.response().batchItemFailures.map((failure) => failure.itemIdentifier)]);
  for (const id of sendFailures) failed.add(id);
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
}

/** One page-events message → the record messages to send (empty when nothing is to be sent). */
async function handlePageMessage(record: SQSRecord, deps: ParsePageDeps): Promise<InlineRecordMessage[]> {
  let message: ReturnType<typeof parsePageEventMessage>;
  try {
    message = parsePageEventMessage(record.body);
  } catch (error) {
    if (error instanceof MalformedMessageError) {
      deps.logger.error("malformed page event; failing it so it ends in the DLQ", {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        reason: error.message,
        body: record.body.slice(0, 2000),
      });
      // Once per message, not per receive: it fails on every one of its maxReceiveCount receives.
      if (isFirstReceive(record)) countRejection(deps.metrics, "malformed-message");
    }
    throw error;
  }
  if (message.kind === "test-event") {
    deps.logger.info("S3 test event consumed", { messageId: record.messageId });
    return [];
  }
  const messages: InlineRecordMessage[] = [];
  for (const entry of message.entries) {
    if (entry.kind === "ignored") {
      deps.logger.info("not an object creation; ignored", { uri: entry.uri, eventName: entry.eventName });
      continue;
    }
    try {
      if (entry.kind === "bad-key") {
        await reject(deps, entry.uri, "bad-key", entry.message, entry.size);
      } else {
        const parsed = await processPage(entry.event, deps);
        if (parsed) messages.push(parsed);
      }
    } catch (error) {
      // The batch processor records a failure without logging it: say here why the message is retried.
      deps.logger.error("page event failed; it will be retried", {
        messageId: record.messageId,
        receiveCount: record.attributes?.ApproximateReceiveCount,
        uri: entry.kind === "page" ? entry.event.uri : entry.uri,
        error,
      });
      throw error;
    }
  }
  return messages;
}

async function processPage(event: PageEvent, deps: ParsePageDeps): Promise<InlineRecordMessage | null> {
  const read = await readPage(deps, event, deps.maxPageBytes);
  if (read.kind === "too-large") {
    const message =
      read.size === null
        ? `page is larger than the limit of ${deps.maxPageBytes} bytes`
        : `page is ${read.size} bytes; the limit is ${deps.maxPageBytes}`;
    await reject(deps, event.uri, "too-large", message, read.size, event);
    return null;
  }
  if (read.kind === "missing") {
    await reject(deps, event.uri, "missing", "the object (or this version of it) no longer exists", event.size, event);
    return null;
  }
  deps.metrics.addMetric(METRIC.pageBytes, MetricUnit.Bytes, read.bytes.byteLength);
  const started = performance.now();
  const outcome = safeParse(deps.parse, read.bytes, {
    uri: event.uri,
    contentType: read.contentType,
    url: read.url,
    budgetMs: deps.parseBudgetMs,
  });
  deps.metrics.addMetric(METRIC.parseTimeMs, MetricUnit.Milliseconds, performance.now() - started);
  if (!outcome.ok) {
    await reject(deps, event.uri, outcome.rejection.code, outcome.rejection.message, read.bytes.byteLength, event);
    return null;
  }
  const { record } = outcome;
  deps.metrics.addMetric(METRIC.pagesParsed, MetricUnit.Count, 1);
  deps.logger.info("page parsed", { correlation_id: record.id, uri: event.uri, bytes: read.bytes.byteLength });
  return {
    record,
    version: {
      uri: event.uri,
      sequencer: event.sequencer,
      versionId: event.versionId,
      eTag: event.eTag,
      eventTime: event.eventTime,
      sha256: record.source.sha256,
      parserVersion: record.parserVersion,
    },
  };
}

/** parsePage promises never to throw; if it does anyway, that is a parser bug to surface, not to retry. */
function safeParse(parse: ParseFunction, bytes: Uint8Array, input: PageInput): ParseOutcome {
  try {
    return parse(bytes, input);
  } catch (error) {
    return { ok: false, rejection: { code: "invalid-record", message: `parser threw: ${String(error)}` } };
  }
}

async function reject(
  deps: ParsePageDeps,
  uri: string,
  code: PageRejectionCode,
  message: string,
  size: number | null,
  version?: SourceVersion,
): Promise<void> {
  deps.logger.warn("page rejected", { uri, code, reason: message });
  countRejection(deps.metrics, code);
  await publishNotification(
    { sns: deps.sns, topicArn: deps.topicArn },
    pageRejected(uri, { code, message }, deps.now(), size, version),
  );
}

/** The message's first delivery (Lambda's SQS events always carry the count; a hand-made event may not). */
function isFirstReceive(record: SQSRecord): boolean {
  const count = record.attributes?.ApproximateReceiveCount;
  return count === undefined || count === "1";
}
