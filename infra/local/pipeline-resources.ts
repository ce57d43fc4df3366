/**
 * The resources of one Docket pipeline, named after the stack outputs
 * (infra/stack/stack-outputs.ts), so the CLI treats a local pipeline and a
 * deployed stage alike.
 */
export interface PipelineResources {
  region: string;
  rawBucketName: string;
  artifactsBucketName: string;
  pageEventsQueueUrl: string;
  pageEventsDlqUrl: string;
  recordsQueueUrl: string;
  recordsDlqUrl: string;
  tableName: string;
  ingestTopicArn: string;
}

/** Names of the local resources; `stage` keeps two local pipelines in one emulator apart. */
export function localResourceNames(stage: string) {
  const base = `docket-${stage}`;
  return {
    rawBucket: `${base}-raw`,
    artifactsBucket: `${base}-artifacts`,
    pageEventsQueue: `${base}-page-events`,
    pageEventsDlq: `${base}-page-events-dlq`,
    recordsQueue: `${base}-records`,
    recordsDlq: `${base}-records-dlq`,
    ingestTopic: `${base}-ingest-events`,
    table: `${base}-table`,
  } as const;
}
