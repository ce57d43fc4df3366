import { ChangeMessageVisibilityBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import type { Log } from "../observability/log";

/**
 * A message failed for a reason that passes in seconds (another delivery of
 * the same record held its mark, DynamoDB throttled) would otherwise come
 * back only when its visibility timeout ends: six times the function's
 * timeout, three minutes for store-record. Such messages are made visible
 * again after a short, growing delay instead, as a Lambda may do for the
 * messages it reports failed: 3 s, 6 s, 12 s, 24 s (±20%) by receive count.
 *
 * A live writer holds a record's mark for a second or two, but one that died
 * holding it (a timeout, a crash) leaves it until it ages out, a minute after
 * it was made: longer than those retries, which the queue's maxReceiveCount
 * of 5 would end in the DLQ after about 45 s. So from the third receive on,
 * a message held up by a mark older than a live writer holds one comes back
 * no sooner than that mark may be taken over (the error's settlesWithinMs):
 * two quick retries give a live owner time to finish, and retrying sooner
 * would only spend receives towards the DLQ.
 *
 * Best effort: if the call fails, the messages come back after their
 * visibility timeout, as before; a warning says so.
 */
export interface RetrySoonDeps {
  sqs: SQSClient;
  queueUrl: string;
  logger: Log;
  random?: () => number;
}

/** A message failed for now: the error's bound on how long its cause can last, when known. */
export interface FailedForNow {
  message: SQSRecord;
  settlesWithinMs?: number | undefined;
}

const FIRST_DELAY_SECONDS = 3;
/** Receives after which a cause with a known bound is waited out rather than retried quickly. */
const QUICK_RETRIES = 2;
/** Past the bound: the mark's owner may take a moment to be seen as gone. */
const SETTLE_MARGIN_SECONDS = 2;
/** SQS's own limit on a visibility timeout is 12 hours; a bound longer than this is not waited out. */
const MAX_SETTLE_SECONDS = 15 * 60;
const MAX_DELAY_SECONDS = 60;
const JITTER = 0.2;
/** ChangeMessageVisibilityBatch takes up to ten entries. */
const BATCH_ENTRIES = 10;

/**
 * The delay before a message failed on its `receiveCount`-th receive is seen
 * again; `settlesWithinMs`: how long its cause can last at most, if known.
 */
export function retryDelaySeconds(
  receiveCount: number,
  random: () => number = Math.random,
  settlesWithinMs?: number,
): number {
  const receives = Number.isFinite(receiveCount) ? Math.floor(receiveCount) : 1;
  const doublings = Math.max(0, Math.min(10, receives - 1));
  const base = Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** doublings);
  const delay = Math.max(1, Math.round(base * (1 - JITTER + 2 * JITTER * random())));
  if (receives <= QUICK_RETRIES || settlesWithinMs === undefined || !(settlesWithinMs >= 0)) return delay;
  const settled = Math.ceil(settlesWithinMs / 1000) + SETTLE_MARGIN_SECONDS;
  return Math.max(delay, Math.min(MAX_SETTLE_SECONDS, settled));
}

export async function retrySoon(deps: RetrySoonDeps, failed: readonly FailedForNow[]): Promise<void> {
  const random = deps.random ?? Math.random;
  for (let start = 0; start < failed.length; start += BATCH_ENTRIES) {
    const chunk = failed.slice(start, start + BATCH_ENTRIES);
    try {
      const { Failed = [] } = await deps.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: deps.queueUrl,
          Entries: chunk.map(({ message, settlesWithinMs }, index) => ({
            Id: String(index),
            ReceiptHandle: message.receiptHandle,
            VisibilityTimeout: retryDelaySeconds(
              Number(message.attributes?.ApproximateReceiveCount ?? 1),
              random,
              settlesWithinMs,
            ),
          })),
        }),
      );
      if (Failed.length > 0) {
        deps.logger.warn("some failed messages come back only after their visibility timeout", {
          failed: Failed.map((entry) => ({ messageId: chunk[Number(entry.Id)]?.message.messageId, code: entry.Code })),
        });
      }
    } catch (error) {
      deps.logger.warn("could not bring failed messages back sooner; they come back after their visibility timeout", {
        messageIds: chunk.map(({ message }) => message.messageId),
        error,
      });
    }
  }
}
