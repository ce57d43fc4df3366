import { s3Client, snsClient, sqsClient } from "../../shared/aws/clients";
import { documentClient } from "../../shared/aws/document-client";
import { storeRecordConfig } from "../../shared/ingest/ingest-config";
import { processRecordMessages } from "../../shared/ingest/store-record-service";
import { instrumentSqsHandler } from "../../shared/observability/instrument";
import { logger } from "../../shared/observability/logger";
import { metrics } from "../../shared/observability/metrics";

const deps = {
  s3: s3Client(),
  // Only to queue a page for re-parsing when its record's claim check has expired.
  sqs: sqsClient(),
  sns: snsClient(),
  ddb: documentClient(),
  logger,
  metrics,
  now: () => new Date(),
  ...storeRecordConfig(),
};

/** records queue → record and index items in DynamoDB, then record.* notifications (or a page re-parse). */
export const handler = instrumentSqsHandler("store-record", (records, context) =>
  processRecordMessages(records, deps, context),
);
