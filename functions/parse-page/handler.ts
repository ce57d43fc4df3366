import { s3Client, snsClient, sqsClient } from "../../shared/aws/clients";
import { parsePageConfig } from "../../shared/ingest/ingest-config";
import { processPageEvents } from "../../shared/ingest/parse-page-service";
import { instrumentSqsHandler } from "../../shared/observability/instrument";
import { logger } from "../../shared/observability/logger";
import { metrics } from "../../shared/observability/metrics";
import { parsePage } from "../../shared/parse/parse-page";

const deps = {
  s3: s3Client(),
  sqs: sqsClient(),
  sns: snsClient(),
  parse: parsePage,
  logger,
  metrics,
  now: () => new Date(),
  ...parsePageConfig(),
};

/** page-events queue → parsed records on the records queue, or page.rejected notifications. */
export const handler = instrumentSqsHandler("parse-page", (records) => processPageEvents(records, deps));
