import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { redriveQueue } from "../../../infra/cli/redrive-dlq";
import { FIRST_SENT_ATTRIBUTE } from "../../../shared/config/resources";

const sqsMock = mockClient(SQSClient);
const sqs = new SQSClient({ region: "us-east-1" });

/** The DLQ holds one message, sent at `sentTimestamp`, with these message attributes. */
function dlqHolds(sentTimestamp: string, attributes: Message["MessageAttributes"]) {
  const message = { MessageId: "a", ReceiptHandle: "ra", Body: "{}", Attributes: { SentTimestamp: sentTimestamp } };
  sqsMock
    .on(ReceiveMessageCommand)
    .resolvesOnce({ Messages: [{ ...message, MessageAttributes: attributes }] })
    .resolves({ Messages: [] });
  sqsMock.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((entry) => ({ Id: entry.Id, MessageId: `new-${entry.Id}`, MD5OfMessageBody: "" })),
  }));
  sqsMock.on(DeleteMessageBatchCommand).resolves({});
}

const sentEntries = () =>
  sqsMock.commandCalls(SendMessageBatchCommand).flatMap((call) => call.args[0].input.Entries ?? []);

beforeEach(() => sqsMock.reset());

describe("redriveQueue", () => {
  it("asks for each message's SentTimestamp and re-sends it with that as its first enqueue time", async () => {
    dlqHolds("1714564800000", { recordId: { DataType: "String", StringValue: "rec_1" } });

    expect(await redriveQueue(sqs, "dlq", "queue")).toEqual({ moved: 1, failed: 0 });

    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.MessageSystemAttributeNames).toEqual([
      "SentTimestamp",
    ]);
    expect(sentEntries()[0]?.MessageAttributes).toEqual({
      recordId: { DataType: "String", StringValue: "rec_1" },
      [FIRST_SENT_ATTRIBUTE]: { DataType: "Number", StringValue: "1714564800000" },
    });
  });

  it("keeps the first enqueue time an earlier redrive set, however often a message comes back", async () => {
    dlqHolds("1715000000000", { [FIRST_SENT_ATTRIBUTE]: { DataType: "Number", StringValue: "1714564800000" } });

    await redriveQueue(sqs, "dlq", "queue");

    expect(sentEntries()[0]?.MessageAttributes?.[FIRST_SENT_ATTRIBUTE]?.StringValue).toBe("1714564800000");
  });

  it("leaves a message already at SQS's 10 attributes as it was, rather than fail to send it", async () => {
    const ten = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: String(i) }]),
    );
    dlqHolds("1", ten);

    await redriveQueue(sqs, "dlq", "queue");

    expect(sentEntries()[0]?.MessageAttributes).toEqual(ten);
  });
});
