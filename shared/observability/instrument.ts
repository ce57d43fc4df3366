import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { logger } from "./logger";
import { metrics } from "./metrics";
import { tracer } from "./tracer";

export type InstrumentedHandler<E, R> = (event: E, context?: Context) => Promise<R>;
export type SqsBatchHandler = InstrumentedHandler<SQSEvent, SQSBatchResponse>;

/**
 * Wraps a Lambda function with the container's observability, the same for
 * every function: the Lambda context (request id, function name, cold start)
 * on every log line, a ColdStart metric on the first invocation, a traced
 * `## <name>` subsegment with cold-start and service annotations, and a
 * metrics flush after every invocation (even a failed one). Outside Lambda
 * (local runtime, tests) there is no context and tracing is off; the flush
 * then just writes EMF lines to stdout, unless metrics are disabled.
 */
export function instrument<E, R>(
  name: string,
  run: (event: E, context?: Context) => Promise<R>,
): InstrumentedHandler<E, R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    metrics.captureColdStartMetric(context?.functionName);
    const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = segment?.addNewSubsegment(`## ${name}`);
    if (subsegment) {
      tracer.setSegment(subsegment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await run(event, context);
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

/** An SQS batch function, instrumented (see instrument). */
export function instrumentSqsHandler(
  name: string,
  run: (records: SQSEvent["Records"], context?: Context) => Promise<SQSBatchResponse>,
): SqsBatchHandler {
  return instrument(name, (event: SQSEvent, context?: Context) => run(event.Records, context));
}
