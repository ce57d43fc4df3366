/**
 * CloudFormation output names of a Docket stack. The CLI reads them with
 * DescribeStacks, so they are a contract: rename one only with the CLI.
 */
export const STACK_OUTPUTS = {
  rawBucketName: "RawBucketName",
  artifactsBucketName: "ArtifactsBucketName",
  pageEventsQueueUrl: "PageEventsQueueUrl",
  pageEventsDlqUrl: "PageEventsDlqUrl",
  recordsQueueUrl: "RecordsQueueUrl",
  recordsDlqUrl: "RecordsDlqUrl",
  tableName: "TableName",
  ingestTopicArn: "IngestTopicArn",
  /** Notifications SNS could not deliver to a subscriber (see README, "Undelivered notifications"). */
  ingestSubscriptionsDlqUrl: "IngestSubscriptionsDlqUrl",
  apiUrl: "ApiUrl",
  /** The API key's id; its value is fetched with `aws apigateway get-api-key --include-value`, never output. */
  apiKeyId: "ApiKeyId",
  region: "Region",
} as const;

export type StackOutputName = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/** The stack name of a stage: Docket-dev, Docket-staging, Docket-prod. */
export const stackName = (stage: string): string => `Docket-${stage}`;
