import { GetObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENV, MissingEnvironmentError } from "../../../shared/config/env";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { acceptWrites, aVersion } from "../storage/support/store-harness";
import { LAMBDA_ENV, sqsEvent, stubLambdaEnv } from "./support/lambda-env";

const ddbMock = mockClient(DynamoDBDocumentClient);
const snsMock = mockClient(SNSClient);
const s3Mock = mockClient(S3Client);
const sqsMock = mockClient(SQSClient);

beforeEach(() => {
  vi.resetModules();
  ddbMock.reset();
  snsMock.reset();
  s3Mock.reset();
  sqsMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(BatchGetCommand).resolves({});
  acceptWrites(ddbMock);
  snsMock.on(PublishBatchCommand).resolves({ Successful: [{ Id: "0", MessageId: "m-0" }] });
});

afterEach(() => vi.unstubAllEnvs());

describe("store-record handler", () => {
  it("writes to the table and publishes to the topic named by the environment", async () => {
    stubLambdaEnv();
    const { handler } = await import("../../../functions/store-record/handler");

    const response = await handler(sqsEvent(["m1", JSON.stringify({ record: aMeetingRecord(), version: aVersion() })]));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ddbMock.commandCalls(PutCommand)[0]?.args[0].input.TableName).toBe(LAMBDA_ENV[ENV.tableName]);
    expect(Object.keys(ddbMock.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems ?? {})).toEqual([
      LAMBDA_ENV[ENV.tableName],
    ]);
    expect(snsMock.commandCalls(PublishBatchCommand)[0]?.args[0].input.TopicArn).toBe(LAMBDA_ENV[ENV.ingestTopicArn]);
  });

  it("queues a page whose record's claim check has expired on the page-events queue named by the environment", async () => {
    stubLambdaEnv();
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: { httpStatusCode: 404 } }));
    sqsMock.on(SendMessageCommand).resolves({});
    const { handler } = await import("../../../functions/store-record/handler");
    const pointer = { bucket: LAMBDA_ENV[ENV.artifactsBucket], key: "claims/records/rec/gone.json" };

    const response = await handler(sqsEvent(["m1", JSON.stringify({ pointer, version: aVersion() })]));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sqsMock.commandCalls(SendMessageCommand)[0]?.args[0].input.QueueUrl).toBe(
      LAMBDA_ENV[ENV.pageEventsQueueUrl],
    );
  });

  it.each([ENV.tableName, ENV.pageEventsQueueUrl])(
    "fails to start, naming the variable, when %s is not configured",
    async (variable) => {
      stubLambdaEnv({ [variable]: undefined });

      await expect(import("../../../functions/store-record/handler")).rejects.toThrow(
        new MissingEnvironmentError(variable),
      );
    },
  );
});
