/**
 * Settings that the cloud stack and the local runtime must agree on: queue
 * timeouts and redrive limits, function timeouts, size limits. Both read
 * them from here, so local behaviour cannot drift from what is deployed.
 */

/** Lambda timeouts in seconds; queue visibility timeouts derive from these. */
export const FUNCTION_TIMEOUT_SECONDS = {
  parsePage: 60,
  storeRecord: 30,
  queryApi: 10,
  /**
   * Pages answer in well under a second: 29 s is as long as API Gateway
   * waits for an unstreamed answer, so a stuck page frees its slot no later
   * than a browser would give up on it.
   */
  web: 29,
  /**
   * A download streams (API Gateway response streaming allows 15 minutes):
   * past its first 10 MB API Gateway sends 2 MB/s, so 5 minutes outlast
   * Lambda's 200 MB streamed-response cap.
   */
  download: 300,
} as const;

/** AWS's guidance: a queue's visibility timeout is at least 6× its consumer's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export const QUEUES = {
  pageEvents: {
    visibilityTimeoutSeconds: FUNCTION_TIMEOUT_SECONDS.parsePage * VISIBILITY_TIMEOUT_FACTOR,
    maxReceiveCount: 5,
    retentionDays: 4,
    dlqRetentionDays: 14,
  },
  records: {
    visibilityTimeoutSeconds: FUNCTION_TIMEOUT_SECONDS.storeRecord * VISIBILITY_TIMEOUT_FACTOR,
    maxReceiveCount: 5,
    retentionDays: 4,
    dlqRetentionDays: 14,
  },
} as const;

export type QueueName = keyof typeof QUEUES;

/**
 * How an SQS event source gathers a batch (Lambda's semantics): it invokes
 * once `batchSize` messages are in hand, once `maxBatchingWindowSeconds` have
 * passed since the first of them arrived, or once the event would exceed
 * 6 MB, whichever comes first. Lambda takes a batch size over 10 only with a
 * window of at least 1 s.
 */
export interface BatchingSettings {
  batchSize: number;
  maxBatchingWindowSeconds: number;
}

/**
 * Batching profiles; each stage in infra/stages.ts picks one, and the local
 * runtime uses dev's. Interactive (local, dev): no window, so an upload on an
 * idle pipeline is queryable in about a second; a burst still fills batches,
 * since each receive takes what is queued. Bulk (staging, prod): wait to
 * fill batches, for fewer invocations and writes per page at volume; an
 * idle upload then waits up to 5 s + 2 s.
 */
export const BATCHING = {
  interactive: {
    pageEvents: { batchSize: 10, maxBatchingWindowSeconds: 0 },
    records: { batchSize: 10, maxBatchingWindowSeconds: 0 },
  },
  bulk: {
    pageEvents: { batchSize: 10, maxBatchingWindowSeconds: 5 },
    records: { batchSize: 25, maxBatchingWindowSeconds: 2 },
  },
} as const satisfies Record<string, Record<QueueName, BatchingSettings>>;

/** The largest page-events batch any profile hands parse-page: the parse budget divides its timeout by it. */
export const MAX_PAGE_EVENTS_BATCH_SIZE = Math.max(
  ...Object.values(BATCHING).map((profile) => profile.pageEvents.batchSize),
);

/** Raw pages arrive under this prefix; only objects there trigger parsing. */
export const RAW_PREFIX = "raw/";

/** Default size guard for a raw page: larger pages are rejected unread. */
export const DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024;

/**
 * The parser's own ceiling, whoever calls it (Lambda or CLI). Real meeting
 * pages are under 1 MB; a 16 MiB page parses in about a second, so this
 * bounds an invocation. A stage's MAX_PAGE_BYTES may not exceed it.
 */
export const PARSER_MAX_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * How long parse-page lets one page parse before rejecting it as
 * too-complex: a full batch of pages that each use the whole budget still
 * ends (with 20% to spare for reads, sends and notifications) inside the
 * function's timeout, so one slow page never times out its batch. Real pages
 * parse in tens of milliseconds.
 */
export const PARSE_BUDGET_MS = Math.floor(
  (FUNCTION_TIMEOUT_SECONDS.parsePage * 1000 * 0.8) / MAX_PAGE_EVENTS_BATCH_SIZE,
);

/** Checks a configured page size limit, naming what is wrong; returns it. */
export function checkMaxPageBytes(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new RangeError(`MAX_PAGE_BYTES must be a positive whole number of bytes, got ${bytes}`);
  }
  if (bytes > PARSER_MAX_PAGE_BYTES) {
    throw new RangeError(`MAX_PAGE_BYTES is ${bytes}, above the parser's ceiling of ${PARSER_MAX_PAGE_BYTES} bytes`);
  }
  return bytes;
}

/** SQS takes 1 MiB per message (and per batch); leave room for attributes. */
export const MAX_MESSAGE_BYTES = 900 * 1024;

/**
 * Message attribute (epoch milliseconds, like SentTimestamp) that `docket
 * redrive` sets to the first enqueue time of the message it re-sends: a
 * redriven message is a new message to SQS, and without this its age (how
 * near its claim check is to expiry) would be lost.
 */
export const FIRST_SENT_ATTRIBUTE = "FirstSentTimestamp";

/** DynamoDB takes 400 KB per item; bodies beyond this budget go to S3. */
export const MAX_ITEM_BODY_BYTES = 300 * 1024;

/** Key prefixes of the artifacts bucket; the stack's lifecycle rules and delete grant follow them. */
export const ARTIFACT_PREFIXES = {
  /** Records too big for an SQS message, parked for the writer: transient, expired by lifecycle. */
  claimChecks: "claims/records/",
  /** Record bodies too big for a DynamoDB item: referenced by stored records, kept. */
  recordBodies: "records/",
} as const;
