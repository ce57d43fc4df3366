import { SNSClient, SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { followNotifications } from "../../../infra/cli/follow-notifications";
import { pageRejected } from "../../../shared/events/ingest-notification";

const sqsMock = mockClient(SQSClient);
const snsMock = mockClient(SNSClient);

beforeEach(() => {
  sqsMock.on(CreateQueueCommand).resolves({ QueueUrl: "http://sqs.local/000000000000/docket-events-x" });
  sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: "arn:aws:sqs:us-east-1:0:x" } });
  sqsMock.on(SetQueueAttributesCommand).resolves({});
  sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [] });
  sqsMock.on(DeleteQueueCommand).resolves({});
  snsMock.on(SubscribeCommand).resolves({ SubscriptionArn: "arn:aws:sns:us-east-1:0:topic:sub" });
  snsMock.on(UnsubscribeCommand).resolves({});
});
afterEach(() => {
  sqsMock.reset();
  snsMock.reset();
});

describe("followNotifications", () => {
  it("keeps several receives waiting at once when asked for receivers, handing each notification over once", async () => {
    const stop = new AbortController();
    let inFlight = 0;
    let mostInFlight = 0;
    let served = 0;
    const stopped = new Promise((resolve) => stop.signal.addEventListener("abort", resolve));
    // Each receive returns one notification once three receives are waiting together; later ones wait for stop.
    let release: () => void = () => undefined;
    const threeWaiting = new Promise<void>((resolve) => {
      release = resolve;
    });
    sqsMock.on(ReceiveMessageCommand).callsFake(async () => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (inFlight === 3) release();
      await (served < 3 ? threeWaiting : stopped);
      inFlight--;
      if (served >= 3) return {};
      const n = ++served;
      const body = JSON.stringify(pageRejected(`s3://raw/p${n}`, { code: "empty", message: "empty" }, new Date(0)));
      return { Messages: [{ Body: body, ReceiptHandle: `rh-${n}` }] };
    });
    const uris: string[] = [];

    const following = followNotifications({
      sqs: new SQSClient({ region: "us-east-1" }),
      sns: new SNSClient({ region: "us-east-1" }),
      topicArn: "arn:aws:sns:us-east-1:0:topic",
      signal: stop.signal,
      waitTimeSeconds: 1,
      receivers: 3,
      onNotification: (notification) => {
        if ("uri" in notification) uris.push(notification.uri);
        if (uris.length === 3) stop.abort();
      },
    });
    await following;

    expect(mostInFlight).toBe(3);
    expect(uris.sort()).toEqual(["s3://raw/p1", "s3://raw/p2", "s3://raw/p3"]);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(3);
    expect(sqsMock.commandCalls(DeleteQueueCommand)).toHaveLength(1);
  });
});
