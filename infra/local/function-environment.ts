import { ENV } from "../../shared/config/env";
import type { PipelineResources } from "../../shared/config/pipeline-resources";

/**
 * The environment the local functions see: the same Docket variables the
 * stack binds (shared/config/env.ts), endpoints the SDK picks up by itself
 * (AWS_ENDPOINT_URL_<SERVICE>), and dummy credentials. Every function gets
 * the same, so this is the union of what each function gets in AWS.
 */
export interface FunctionEnvironmentInput {
  stage: string;
  resources: PipelineResources;
  /** The emulator itself (no function writes under raw/), or the functions' endpoint proxy (`faults`, denyMissingObjectReads). */
  s3Endpoint: string;
  sqsEndpoint: string;
  snsEndpoint: string;
  dynamodbEndpoint: string;
  maxPageBytes: number;
  cursorKey: string;
}

export function functionEnvironment(input: FunctionEnvironmentInput, inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { resources } = input;
  return {
    [ENV.stage]: input.stage,
    [ENV.rawBucket]: resources.rawBucketName,
    [ENV.artifactsBucket]: resources.artifactsBucketName,
    [ENV.recordsQueueUrl]: resources.recordsQueueUrl,
    [ENV.pageEventsQueueUrl]: resources.pageEventsQueueUrl,
    [ENV.tableName]: resources.tableName,
    [ENV.ingestTopicArn]: resources.ingestTopicArn,
    [ENV.maxPageBytes]: String(input.maxPageBytes),
    [ENV.cursorKey]: input.cursorKey,
    AWS_REGION: resources.region,
    AWS_DEFAULT_REGION: resources.region,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL_S3: input.s3Endpoint,
    AWS_ENDPOINT_URL_SQS: input.sqsEndpoint,
    AWS_ENDPOINT_URL_SNS: input.snsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbEndpoint,
    // Quiet by default: the runtime reports failures itself. Set these to see the functions' own output.
    POWERTOOLS_LOG_LEVEL: inherited.POWERTOOLS_LOG_LEVEL ?? "WARN",
    POWERTOOLS_METRICS_DISABLED: inherited.POWERTOOLS_METRICS_DISABLED ?? "true",
    POWERTOOLS_METRICS_NAMESPACE: "Docket",
    POWERTOOLS_TRACE_ENABLED: "false",
  };
}
