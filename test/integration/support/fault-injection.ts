import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import type { HandlerFactory } from "../../../infra/local/local-function";

/**
 * Wraps an SQS function so the messages `fault` picks fail (reported as
 * batch item failures, the way the real handler reports a message it could
 * not process) while the rest of each batch goes to the real handler.
 * `fault` is consulted on every delivery, so a test can lift it later.
 */
export function failMessages(
  inner: HandlerFactory<SQSEvent, unknown>,
  fault: (record: SQSRecord) => boolean,
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
      return {
        batchItemFailures: [
          ...(result?.batchItemFailures ?? []),
          ...failing.map((record) => ({ itemIdentifier: record.messageId })),
        ],
      };
    };
  };
}
