import { Metrics, MetricUnit, type Metrics as PowertoolsMetrics } from "@aws-lambda-powertools/metrics";

/** The metric names the ingest path emits, in namespace "Docket". */
export const METRIC = {
  pagesParsed: "PagesParsed",
  pagesRejected: "PagesRejected",
  recordsCreated: "RecordsCreated",
  recordsUpdated: "RecordsUpdated",
  recordsUnchanged: "RecordsUnchanged",
  /** record messages whose claim check had expired: their pages were queued for re-parsing */
  claimChecksExpired: "ClaimChecksExpired",
  parseTimeMs: "ParseTimeMs",
  pageBytes: "PageBytes",
} as const;

export const METRICS_NAMESPACE = "Docket";

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
