import { SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RecordEventType, recordEvent } from "../../shared/events/ingest-notification";
import { notificationBatcher } from "../../shared/events/notification-batcher";
import { aMeetingRecord } from "../unit/storage/support/meeting-record";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * Notifications store-record publishes in PublishBatch calls reach the
 * topic's subscribers as single Publishes did: each entry on its own, with
 * the `type` attribute a subscription's filter policy selects on (here the
 * local runtime's SNS, fauxqs, applying the policy per entry).
 */

let pipeline: TestPipeline;
let queueUrl: string;
let subscriptionArn: string | undefined;

beforeAll(async () => {
  pipeline = await startTestPipeline();
  const { sqs, sns } = pipeline.clients;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "created-only" }))).QueueUrl ?? "";
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  const subscription = await sns.send(
    new SubscribeCommand({
      TopicArn: pipeline.resources.ingestTopicArn,
      Protocol: "sqs",
      Endpoint: Attributes?.QueueArn ?? "",
      Attributes: { FilterPolicy: JSON.stringify({ type: ["record.created"] }) },
      ReturnSubscriptionArn: true,
    }),
  );
  subscriptionArn = subscription.SubscriptionArn;
});

afterAll(async () => {
  if (subscriptionArn) await pipeline?.clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
  if (queueUrl) await pipeline?.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  await pipeline?.stop();
});

describe("notifications published in batches", () => {
  it("reach a subscription filtering on type with only the entries it selects, each with its type attribute", async () => {
    const batcher = notificationBatcher({ sns: pipeline.clients.sns, topicArn: pipeline.resources.ingestTopicArn });
    const sent: [string, RecordEventType][] = [
      ["rec_0000000000000000c001", "record.created"],
      ["rec_0000000000000000c002", "record.unchanged"],
      ["rec_0000000000000000c003", "record.created"],
      ["rec_0000000000000000c004", "record.updated"],
    ];
    // Four records in flight, each publishing once: one PublishBatch of four entries.
    await Promise.all(
      sent.map(([id, type]) =>
        batcher.track(() => batcher.publish(recordEvent(type, aMeetingRecord({ id }), new Date()))),
      ),
    );

    const received: { id: string; type: string | undefined }[] = [];
    await eventually(async () => {
      const { Messages = [] } = await pipeline.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages) {
        const envelope = JSON.parse(message.Body ?? "") as {
          Message: string;
          MessageAttributes?: Record<string, { Value: string }>;
        };
        received.push({ id: JSON.parse(envelope.Message).id, type: envelope.MessageAttributes?.type?.Value });
      }
      return received.length >= 2 ? true : undefined;
    }, 60_000);
    // Enqueued while the PublishBatch call was answered: nothing else is still on its way.
    const { Messages: more = [] } = await pipeline.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );

    expect(more).toEqual([]);
    expect(received.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "rec_0000000000000000c001", type: "record.created" },
      { id: "rec_0000000000000000c003", type: "record.created" },
    ]);
  });
});
