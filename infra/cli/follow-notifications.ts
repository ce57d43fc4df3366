import { randomBytes } from "node:crypto";
import { type SNSClient, SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { type IngestNotification, ingestNotificationSchema } from "../../shared/events/ingest-notification";

/**
 * Follows the ingest-events topic through a queue of its own: creates a
 * queue, subscribes it (raw delivery, so each body is one notification),
 * hands over notifications as they arrive, and removes both when stopped.
 * The same on a deployed stage (the queue policy lets only this topic in)
 * and locally (fauxqs fans SNS out to SQS).
 */
export interface FollowOptions {
  sqs: SQSClient;
  sns: SNSClient;
  topicArn: string;
  signal: AbortSignal;
  onNotification: (notification: IngestNotification | { unparsed: string }) => void;
  /** Called once the subscription exists, so callers know nothing published from now on is missed. */
  onReady?: () => void;
  waitTimeSeconds?: number;
  /** Receive loops sharing the queue (default 1); a few keep up with a burst on a busy process. */
  receivers?: number;
}

export async function followNotifications(options: FollowOptions): Promise<void> {
  const { sqs, sns, topicArn } = options;
  const name = `docket-events-${randomBytes(4).toString("hex")}`;
  const { QueueUrl: queueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  let subscriptionArn: string | undefined;
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
    );
    const queueArn = Attributes.QueueArn ?? "";
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { Policy: JSON.stringify(topicMayDeliver(queueArn, topicArn)) },
      }),
    );
    const subscription = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: "sqs",
        Endpoint: queueArn,
        Attributes: { RawMessageDelivery: "true" },
        ReturnSubscriptionArn: true,
      }),
    );
    subscriptionArn = subscription.SubscriptionArn;
    options.onReady?.();

    await Promise.all(Array.from({ length: options.receivers ?? 1 }, () => receiveUntilAborted(queueUrl, options)));
  } finally {
    if (subscriptionArn)
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn })).catch(() => undefined);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
  }
}

async function receiveUntilAborted(queueUrl: string, options: FollowOptions): Promise<void> {
  const { sqs, signal } = options;
  while (!signal.aborted) {
    let messages: { Body?: string; ReceiptHandle?: string }[] = [];
    try {
      const result = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: options.waitTimeSeconds ?? 20,
        }),
        { abortSignal: signal },
      );
      messages = result.Messages ?? [];
    } catch (error) {
      if (signal.aborted) break;
      throw error;
    }
    for (const message of messages) options.onNotification(parseNotification(message.Body ?? ""));
    if (messages.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? "",
          })),
        }),
      );
    }
  }
}

function topicMayDeliver(queueArn: string, topicArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
      },
    ],
  };
}

function parseNotification(body: string): IngestNotification | { unparsed: string } {
  try {
    const parsed = ingestNotificationSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : { unparsed: body };
  } catch {
    return { unparsed: body };
  }
}
