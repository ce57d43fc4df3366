import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SqsEventSource } from "../../../infra/local/sqs-event-source";

const sqsMock = mockClient(SQSClient);
afterEach(() => sqsMock.reset());

const message = (id: string): Message => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: id });

describe("SqsEventSource", () => {
  it("keeps polling when deleting a processed batch fails, reporting the error", async () => {
    const queued = [message("m1"), message("m2")];
    // One message per receive; an empty receive waits a little, as a long poll would.
    sqsMock.on(ReceiveMessageCommand).callsFake(async () => {
      const next = queued.shift();
      if (next) return { Messages: [next] };
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {};
    });
    sqsMock.on(DeleteMessageBatchCommand).rejectsOnce(new Error("connection reset")).resolves({ Successful: [] });
    const invoked: string[] = [];
    const errors: unknown[] = [];
    const source = new SqsEventSource({
      sqs: new SQSClient({ region: "us-east-1" }),
      queueUrl: "http://sqs.local/000000000000/q",
      queueArn: "arn:aws:sqs:us-east-1:000000000000:q",
      region: "us-east-1",
      batchSize: 1,
      maxBatchingWindowMs: 0,
      concurrency: 1,
      waitTimeSeconds: 1,
      invoke: async (event) => {
        invoked.push(...event.Records.map((r) => r.messageId));
        return { batchItemFailures: [] };
      },
      onInvokeError: (error) => errors.push(error),
    });

    source.start();
    await vi.waitFor(() => expect(invoked).toEqual(["m1", "m2"]));
    await expect(source.stop()).resolves.toBeUndefined();

    expect(errors).toEqual([expect.objectContaining({ message: "connection reset" })]);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(2);
  });
});
