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
