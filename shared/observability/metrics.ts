import { Metrics, MetricUnit, type Metrics as PowertoolsMetrics } from "@aws-lambda-powertools/metrics";
import { METRIC, METRICS_NAMESPACE } from "../config/metric-names";

export { METRIC, METRICS_NAMESPACE };

/**
 * One metrics buffer per container, flushed by the handler after each batch.
 * The namespace is fixed here so a flush outside Lambda (local runtime,
 * tests) never fails for want of POWERTOOLS_METRICS_NAMESPACE.
 */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "docket",
});

export type MetricsSink = Pick<PowertoolsMetrics, "addMetric" | "singleMetric">;

/** PagesRejected carries its own `reason` dimension, so it must not leak onto the batch's other metrics. */
export function countRejection(sink: MetricsSink, reason: string): void {
  const single = sink.singleMetric();
  single.addDimension("reason", reason);
  single.addMetric(METRIC.pagesRejected, MetricUnit.Count, 1);
}

export { MetricUnit };
