import type { SQSEvent } from "aws-lambda";
import { vi } from "vitest";
import { ENV } from "../../../../shared/config/env";
import { sqsRecord } from "../../ingest/support/ingest-harness";

/** The environment the stack (or the local runtime) gives the ingest functions. */
export const LAMBDA_ENV = {
  [ENV.recordsQueueUrl]: "https://sqs.us-east-1.amazonaws.com/000000000000/records",
  [ENV.pageEventsQueueUrl]: "https://sqs.us-east-1.amazonaws.com/000000000000/page-events",
  [ENV.artifactsBucket]: "docket-artifacts",
  [ENV.ingestTopicArn]: "arn:aws:sns:us-east-1:000000000000:ingest",
  [ENV.tableName]: "docket-table",
  AWS_REGION: "us-east-1",
  POWERTOOLS_LOG_LEVEL: "SILENT",
} as const;

export function stubLambdaEnv(overrides: Record<string, string | undefined> = {}): void {
  for (const [name, value] of Object.entries({ ...LAMBDA_ENV, ...overrides })) vi.stubEnv(name, value);
}

export function sqsEvent(...bodies: [id: string, body: string][]): SQSEvent {
  return { Records: bodies.map(([id, body]) => sqsRecord(id, body)) };
}
