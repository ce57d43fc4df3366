import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "../observability/tracer";

export interface AwsClients {
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
  dynamodb: DynamoDBClient;
  ddb: DynamoDBDocumentClient;
}

const DEFAULT_REGION = "us-east-1";

/**
 * Builds every client from the environment. Endpoints are not passed here:
 * the SDK reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, so the
 * same code talks to AWS or to the local emulators.
 */
export function createAwsClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
  const emulatedS3 = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  const s3 = new S3Client({
    region,
    // Emulators serve buckets by path (http://host:port/bucket), not by virtual host.
    forcePathStyle: emulatedS3,
    // Emulators may not implement the SDK's default flexible checksums.
    ...(emulatedS3 ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
  });
  const emulatedSqs = Boolean(env.AWS_ENDPOINT_URL_SQS || env.AWS_ENDPOINT_URL);
  const dynamodb = new DynamoDBClient({ region });
  return {
    s3: tracer.captureAWSv3Client(s3),
    // By default the SDK sends to the queue URL's host; emulator queue URLs name hosts
    // (sqs.<region>.localhost) that need not resolve, so the configured endpoint wins there.
    sqs: tracer.captureAWSv3Client(new SQSClient({ region, ...(emulatedSqs ? { useQueueUrlAsEndpoint: false } : {}) })),
    sns: tracer.captureAWSv3Client(new SNSClient({ region })),
    dynamodb: tracer.captureAWSv3Client(dynamodb),
    ddb: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
  };
}

let shared: AwsClients | undefined;

/** The container's clients, built on first use and reused by every invocation. */
export function awsClients(): AwsClients {
  shared ??= createAwsClients();
  return shared;
}
