import { ChangeMessageVisibilityBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import type { Log } from "../observability/log";

/**
 * A message failed for a reason that passes in seconds (another delivery of
 * the same record held its mark, DynamoDB throttled) would otherwise come
 * back only when its visibility timeout ends: six times the function's
 * timeout, three minutes for store-record. Such messages are made visible
 * again after a short, growing delay instead, as a Lambda may do for the
 * messages it reports failed: 3 s, 6 s, 12 s, 24 s (±20%) by receive count,
 * so the queue's maxReceiveCount of 5 still spans about 45 s of contention
 * before a message goes to the DLQ.
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

const FIRST_DELAY_SECONDS = 3;
const MAX_DELAY_SECONDS = 60;
const JITTER = 0.2;
/** ChangeMessageVisibilityBatch takes up to ten entries. */
const BATCH_ENTRIES = 10;

/** The delay before a message failed on its `receiveCount`-th receive is seen again. */
export function retryDelaySeconds(receiveCount: number, random: () => number = Math.random): number {
  const receives = Number.isFinite(receiveCount) ? Math.floor(receiveCount) : 1;
  const doublings = Math.max(0, Math.min(10, receives - 1));
  const base = Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** doublings);
  return Math.max(1, Math.round(base * (1 - JITTER + 2 * JITTER * random())));
}

export async function retrySoon(deps: RetrySoonDeps, messages: readonly SQSRecord[]): Promise<void> {
  const random = deps.random ?? Math.random;
  for (let start = 0; start < messages.length; start += BATCH_ENTRIES) {
    const chunk = messages.slice(start, start + BATCH_ENTRIES);
    try {
      const { Failed = [] } = await deps.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: deps.queueUrl,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.receiptHandle,
            VisibilityTimeout: retryDelaySeconds(Number(message.attributes?.ApproximateReceiveCount ?? 1), random),
          })),
        }),
      );
      if (Failed.length > 0) {
        deps.logger.warn("some failed messages come back only after their visibility timeout", {
          failed: Failed.map((entry) => ({ messageId: chunk[Number(entry.Id)]?.messageId, code: entry.Code })),
        });
      }
    } catch (error) {
      deps.logger.warn("could not bring failed messages back sooner; they come back after their visibility timeout", {
        messageIds: chunk.map((message) => message.messageId),
        error,
      });
    }
  }
}
