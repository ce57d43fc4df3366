import { Duration } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { VISIBILITY_TIMEOUT_FACTOR } from "../../shared/config/resources";
import type { QueueConsumerSettings } from "../stages";
import type { DocketFunction } from "./docket-function";
import type { WorkQueue } from "./ingest-queues";

/**
 * Feeds a work queue to a function in batches. Failures are reported per
 * message, so one bad page does not send its nine neighbours back round.
 * Refuses to synthesize if the queue would hand a message to a second
 * consumer while the first may still be working on it.
 */
export function consumeQueue(fn: DocketFunction, work: WorkQueue, consumer: QueueConsumerSettings): SqsEventSource {
  const timeout = fn.lambda.timeout?.toSeconds() ?? 3;
  if (work.settings.visibilityTimeoutSeconds < VISIBILITY_TIMEOUT_FACTOR * timeout) {
    throw new Error(
      `${work.node.path}: visibility timeout ${work.settings.visibilityTimeoutSeconds}s is under ` +
        `${VISIBILITY_TIMEOUT_FACTOR}× its consumer's ${timeout}s timeout`,
    );
  }
  const source = new SqsEventSource(work.queue, {
    batchSize: consumer.batchSize,
    maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
    reportBatchItemFailures: true,
    maxConcurrency: consumer.maxConcurrency,
  });
  fn.lambda.addEventSource(source);
  return source;
}
