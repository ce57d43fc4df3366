import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { tracer } from "./tracer";

export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Wraps an SQS batch function with the container's observability: Lambda
 * context on every log line, a traced handler subsegment with the cold-start
 * annotation, and a metrics flush after every batch (even a failed one).
 * Outside Lambda (local runtime, tests) there is no context and tracing is
 * off; the flush then just writes EMF lines to stdout.
 */
export function instrumentSqsHandler(
  name: string,
  run: (records: SQSEvent["Records"]) => Promise<SQSBatchResponse>,
): SqsBatchHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment(`## ${name}`);
    if (subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await run(event.Records);
    } catch (error) {
      subsegment?.addError(error as Error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      // A batch of S3 test events records no metric; publishing nothing would only log a warning.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
