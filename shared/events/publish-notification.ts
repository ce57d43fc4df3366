import { type MessageAttributeValue, PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { IngestNotification } from "./ingest-notification";

export interface NotificationDeps {
  sns: SNSClient;
  topicArn: string;
}

/** A notification as SNS carries it: JSON, with its type as the attribute subscribers filter on. */
export function notificationMessage(notification: IngestNotification): {
  Message: string;
  MessageAttributes: Record<string, MessageAttributeValue>;
} {
  return {
    Message: JSON.stringify(notification),
    MessageAttributes: { type: { DataType: "String", StringValue: notification.type } },
  };
}

/** Publishes one notification; an SNS failure throws, so the message that caused it is retried. */
export async function publishNotification(deps: NotificationDeps, notification: IngestNotification): Promise<void> {
  await deps.sns.send(new PublishCommand({ TopicArn: deps.topicArn, ...notificationMessage(notification) }));
}
