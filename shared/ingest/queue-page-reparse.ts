import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { MalformedMessageError } from "../errors";
import { parseS3Uri } from "../events/page-event";
import type { PageVersion } from "../events/record-message";
import { objectCreatedEvent } from "../events/s3-event-notification";

export interface QueuePageReparseDeps {
  sqs: SQSClient;
  pageEventsQueueUrl: string;
}

/** Names re-parse events in the page-events queue (and its DLQ), apart from S3's own and `docket reprocess`'s. */
export const REPARSE_CONFIGURATION_ID = "docket-claim-check-expired";

/**
 * Queues one page version for parse-page again, as the S3 event that first
 * announced it: same bucket, key, versionId, sequencer, eventTime and eTag,
 * so the re-parse carries the same version (store-record orders by it) and
 * reads the same bytes. Lands as record.unchanged if a newer version is
 * stored meanwhile; as page.rejected (missing) if the page is gone too.
 */
export async function queuePageReparse(deps: QueuePageReparseDeps, version: PageVersion): Promise<void> {
  await deps.sqs.send(
    new SendMessageCommand({
      QueueUrl: deps.pageEventsQueueUrl,
      MessageBody: JSON.stringify(await reparseEvent(deps, version)),
    }),
  );
}

async function reparseEvent(deps: QueuePageReparseDeps, version: PageVersion) {
  const page = parseS3Uri(version.uri);
  if (!page) throw new MalformedMessageError(`record message names no page to re-parse: ${version.uri}`);
  const eventTime = new Date(version.eventTime);
  if (Number.isNaN(eventTime.getTime())) {
    throw new MalformedMessageError(`record message has an invalid eventTime: ${version.eventTime}`);
  }
  return objectCreatedEvent({
    eventName: "ObjectCreated:Put",
    region: await deps.sqs.config.region(),
    bucket: page.bucket,
    key: page.key,
    eTag: version.eTag ?? undefined,
    versionId: version.versionId ?? undefined,
    sequencer: version.sequencer ?? undefined,
    eventTime,
    configurationId: REPARSE_CONFIGURATION_ID,
  });
}
