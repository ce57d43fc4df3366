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

/** The dimension Powertools Metrics adds to every metric: the function's POWERTOOLS_SERVICE_NAME. */
export const SERVICE_DIMENSION = "service";
