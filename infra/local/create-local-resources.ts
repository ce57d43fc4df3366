import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, type SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { PipelineResources } from "../../shared/config/pipeline-resources";
import { QUEUES } from "../../shared/config/resources";
import { TABLE_DEFINITION } from "../../shared/storage/table-definition";
import { localResourceNames } from "./pipeline-resources";

/**
 * Creates what the stack creates, through the AWS APIs and from the same
 * definitions (shared/config/resources.ts, shared/storage/table-definition.ts),
 * so local and cloud cannot drift.
 */
export interface LocalResourceClients {
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  dynamodb: DynamoDBClient;
}

export interface QueueOverrides {
  /** Shorter visibility timeouts let tests see retries in seconds; default: resources.ts. */
  visibilityTimeoutSeconds?: Partial<Record<keyof typeof QUEUES, number>>;
}

const DAY_SECONDS = 24 * 60 * 60;

export async function createLocalResources(
  clients: LocalResourceClients,
  region: string,
  stage: string,
  overrides: QueueOverrides = {},
): Promise<PipelineResources> {
  const names = localResourceNames(stage);

  await clients.s3.send(new CreateBucketCommand({ Bucket: names.rawBucket }));
  await clients.s3.send(new CreateBucketCommand({ Bucket: names.artifactsBucket }));

  const pageEvents = await createQueueWithDlq(
    clients.sqs,
    names.pageEventsQueue,
    names.pageEventsDlq,
    QUEUES.pageEvents,
    overrides.visibilityTimeoutSeconds?.pageEvents,
  );
  const records = await createQueueWithDlq(
    clients.sqs,
    names.recordsQueue,
    names.recordsDlq,
    QUEUES.records,
    overrides.visibilityTimeoutSeconds?.records,
  );

  const topic = await clients.sns.send(new CreateTopicCommand({ Name: names.ingestTopic }));
  await createTable(clients.dynamodb, names.table);

  return {
    region,
    rawBucketName: names.rawBucket,
    artifactsBucketName: names.artifactsBucket,
    pageEventsQueueUrl: pageEvents.queueUrl,
    pageEventsDlqUrl: pageEvents.dlqUrl,
    recordsQueueUrl: records.queueUrl,
    recordsDlqUrl: records.dlqUrl,
    tableName: names.table,
    ingestTopicArn: topic.TopicArn ?? "",
  };
}

interface QueueSettings {
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  retentionDays: number;
  dlqRetentionDays: number;
}

async function createQueueWithDlq(
  sqs: SQSClient,
  name: string,
  dlqName: string,
  settings: QueueSettings,
  visibilityOverride: number | undefined,
): Promise<{ queueUrl: string; dlqUrl: string }> {
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: dlqName,
      Attributes: { MessageRetentionPeriod: String(settings.dlqRetentionDays * DAY_SECONDS) },
    }),
  );
  const dlqUrl = dlq.QueueUrl ?? "";
  const dlqAttributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }),
  );
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityOverride ?? settings.visibilityTimeoutSeconds),
        MessageRetentionPeriod: String(settings.retentionDays * DAY_SECONDS),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
          maxReceiveCount: settings.maxReceiveCount,
        }),
      },
    }),
  );
  return { queueUrl: queue.QueueUrl ?? "", dlqUrl };
}

/** The single table, from TABLE_DEFINITION as the stack defines it; kept when it already exists. */
export async function createTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  const keyNames = new Set<string>([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey]);
  for (const index of TABLE_DEFINITION.globalIndexes) {
    keyNames.add(index.partitionKey);
    keyNames.add(index.sortKey);
  }
  const attributeDefinitions: AttributeDefinition[] = [...keyNames].map((name) => ({
    AttributeName: name,
    AttributeType: "S",
  }));
  const globalIndexes: GlobalSecondaryIndex[] = TABLE_DEFINITION.globalIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: "HASH" },
      { AttributeName: index.sortKey, KeyType: "RANGE" },
    ],
    Projection: { ProjectionType: "ALL" },
  }));
  // A kept data directory already holds the table.
  const exists = await dynamodb
    .send(new DescribeTableCommand({ TableName: tableName }))
    .then(() => true)
    .catch((error: { name?: string }) => {
      if (error.name === "ResourceNotFoundException") return false;
      throw error;
    });
  if (exists) return;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: attributeDefinitions,
      KeySchema: [
        { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: "HASH" },
        { AttributeName: TABLE_DEFINITION.sortKey, KeyType: "RANGE" },
      ],
      ...(globalIndexes.length > 0 ? { GlobalSecondaryIndexes: globalIndexes } : {}),
    }),
  );
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
}
