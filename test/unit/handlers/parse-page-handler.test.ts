import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENV, MissingEnvironmentError } from "../../../shared/config/env";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { s3Body } from "../storage/support/s3-body";
import { LAMBDA_ENV, sqsEvent, stubLambdaEnv } from "./support/lambda-env";

vi.mock("../../../shared/parse/parse-page", () => ({
  parsePage: () => ({ ok: true, record: aMeetingRecord() }),
}));

const s3Mock = mockClient(S3Client);
const sqsMock = mockClient(SQSClient);
const snsMock = mockClient(SNSClient);

const pageEvent = JSON.stringify({
  Records: [
    {
      eventName: "ObjectCreated:Put",
      eventTime: "2024-05-01T10:00:00.000Z",
      s3: { bucket: { name: "raw" }, object: { key: "raw/a.html", size: 6, sequencer: "01" } },
    },
  ],
});

beforeEach(() => {
  vi.resetModules();
  s3Mock.reset();
  sqsMock.reset();
  snsMock.reset();
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: s3Body("<html>").body, ContentLength: 6 }));
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((entry) => ({ Id: entry.Id, MessageId: "x", MD5OfMessageBody: "" })),
  }));
  snsMock.on(PublishCommand).resolves({});
});

afterEach(() => vi.unstubAllEnvs());

describe("parse-page handler", () => {
  it("sends parsed records to the queue named by the environment and reports failed messages", async () => {
    stubLambdaEnv();
    const { handler } = await import("../../../functions/parse-page/handler");

    const response = await handler(sqsEvent(["good", pageEvent], ["bad", "not json"]));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "bad" }] });
    expect(sqsMock.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.QueueUrl).toBe(
      LAMBDA_ENV[ENV.recordsQueueUrl],
    );
  });

  it("applies MAX_PAGE_BYTES from the environment", async () => {
    stubLambdaEnv({ [ENV.maxPageBytes]: "5" });
    const { handler } = await import("../../../functions/parse-page/handler");

    await handler(sqsEvent(["m1", pageEvent]));

    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(JSON.parse(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? "")).toMatchObject({
      reason: { code: "too-large" },
    });
  });

  it("fails to start, naming the variable, when the records queue is not configured", async () => {
    stubLambdaEnv({ [ENV.recordsQueueUrl]: undefined });

    await expect(import("../../../functions/parse-page/handler")).rejects.toThrow(
      new MissingEnvironmentError(ENV.recordsQueueUrl),
    );
  });
});
