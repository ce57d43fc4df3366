import { ChangeMessageVisibilityCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { HandlerFactory } from "../../../infra/local/local-function";

/**
 * Wraps an SQS function so the messages `fault` picks fail (reported as
 * batch item failures, the way the real handler reports a message it could
 * not process) while the rest of each batch goes to the real handler.
 * `fault` is consulted on every delivery, so a test can lift it later.
 *
 * With `retryAtOnce`, a failed message is made visible again at once
 * (ChangeMessageVisibility to 0, as a handler backing off would), so the
 * test sees its retries in seconds while the queue keeps a visibility
 * timeout long enough that a slow but healthy message is never redelivered.
 */
export function failMessages(
  inner: HandlerFactory<SQSEvent, unknown>,
  fault: (record: SQSRecord) => boolean,
  retryAtOnce?: { sqs: () => SQSClient; queueUrl: () => string },
): HandlerFactory<SQSEvent, unknown> {
  return async (containerId) => {
    const handler = await inner(containerId);
    return async (event, context) => {
      const failing = event.Records.filter(fault);
      const passing = event.Records.filter((record) => !failing.includes(record));
      const result =
        passing.length > 0
          ? ((await handler({ Records: passing }, context)) as SQSBatchResponse | undefined)
          : undefined;
      if (retryAtOnce) {
        for (const record of failing) {
          await retryAtOnce.sqs().send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: retryAtOnce.queueUrl(),
              ReceiptHandle: record.receiptHandle,
              VisibilityTimeout: 0,
            }),
          );
        }
      }
      return {
        batchItemFailures: [
          ...(result?.batchItemFailures ?? []),
          ...failing.map((record) => ({ itemIdentifier: record.messageId })),
        ],
      };
    };
  };
}
