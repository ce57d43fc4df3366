import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { sqsLambdaEvent, succeededMessageIds } from "../../../infra/local/sqs-lambda-event";

const event: SQSEvent = sqsLambdaEvent(
  [
    { MessageId: "m1", ReceiptHandle: "r1", Body: "one", Attributes: { ApproximateReceiveCount: "3" } },
    { MessageId: "m2", ReceiptHandle: "r2", Body: "two" },
  ],
  "arn:aws:sqs:us-east-1:000000000000:queue",
  "us-east-1",
);
const all = new Set(["m1", "m2"]);

describe("sqsLambdaEvent", () => {
  it("builds Lambda's record shape from received messages", () => {
    expect(event.Records[0]).toMatchObject({
      messageId: "m1",
      receiptHandle: "r1",
      body: "one",
      attributes: { ApproximateReceiveCount: "3" },
      messageAttributes: {},
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:queue",
      awsRegion: "us-east-1",
    });
  });

  it("lower-cases message attribute fields and base64-encodes binary values", () => {
    const [record] = sqsLambdaEvent(
      [
        {
          MessageId: "m",
          MessageAttributes: {
            text: { DataType: "String", StringValue: "x" },
            bytes: { DataType: "Binary", BinaryValue: Buffer.from("hi") },
          },
        },
      ],
      "arn",
      "us-east-1",
    ).Records;

    expect(record?.messageAttributes).toEqual({
      text: { stringValue: "x", stringListValues: [], binaryListValues: [], dataType: "String" },
      bytes: { binaryValue: "aGk=", stringListValues: [], binaryListValues: [], dataType: "Binary" },
    });
  });
});

describe("succeededMessageIds (Lambda's partial batch response rules)", () => {
  it.each([
    ["no response", undefined],
    ["a null response", null],
    ["an empty object", {}],
    ["an empty failure list", { batchItemFailures: [] }],
    ["a null failure list", { batchItemFailures: null }],
  ])("treats %s as complete success", (_name, response) => {
    expect(succeededMessageIds(event, response)).toEqual(all);
  });

  it("keeps only the messages not listed as failures", () => {
    expect(succeededMessageIds(event, { batchItemFailures: [{ itemIdentifier: "m2" }] })).toEqual(new Set(["m1"]));
  });

  it.each([
    ["an empty identifier", { batchItemFailures: [{ itemIdentifier: "" }] }],
    ["a null identifier", { batchItemFailures: [{ itemIdentifier: null }] }],
    ["an identifier not in the batch", { batchItemFailures: [{ itemIdentifier: "m9" }] }],
    ["a misnamed key", { batchItemFailures: [{ id: "m1" }] }],
    ["a failure list that is not a list", { batchItemFailures: "m1" }],
    ["a response that is not an object", "ok"],
  ])("treats %s as complete failure", (_name, response) => {
    expect(succeededMessageIds(event, response)).toEqual(new Set());
  });
});
