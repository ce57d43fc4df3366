import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { FIRST_SENT_ATTRIBUTE } from "../../shared/config/resources";

/**
 * Moves every message of a dead-letter queue back to its source queue, body
 * and attributes unchanged, deleting each from the DLQ only once it is sent
 * (so a failure leaves it where it was). Plain receive/send/delete rather than
 * StartMessageMoveTask, which the local emulator lacks: one code path for
 * both. The copy is a new message, whose retention starts again; it carries
 * the original's first enqueue time (FIRST_SENT_ATTRIBUTE), so its true age
 * is not lost however often it is redriven.
 */
export interface RedriveResult {
  moved: number;
  failed: number;
}

export async function redriveQueue(sqs: SQSClient, from: string, to: string): Promise<RedriveResult> {
  const result: RedriveResult = { moved: 0, failed: 0 };
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // Long enough to send and delete; a message not handled by then comes back to the DLQ.
        VisibilityTimeout: 60,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["SentTimestamp"],
      }),
    );
    if (Messages.length === 0) return result;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: to,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? "",
          ...withFirstSent(message),
        })),
      }),
    );
    const sentIds = new Set((sent.Successful ?? []).map((entry) => entry.Id));
    const toDelete = Messages.filter((_, index) => sentIds.has(String(index)));
    result.failed += Messages.length - toDelete.length;
    if (toDelete.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: from,
          Entries: toDelete.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle ?? "",
          })),
        }),
      );
      result.moved += toDelete.length;
    }
    // Messages that failed to send stay invisible for a minute; stop rather than spin on them.
    if (toDelete.length < Messages.length) return result;
  }
}

/** SQS takes at most 10 message attributes; a message already at the limit keeps its own only. */
const MAX_MESSAGE_ATTRIBUTES = 10;

/** The message's attributes, plus its first enqueue time unless an earlier redrive set it. */
function withFirstSent(message: Message): { MessageAttributes?: Record<string, MessageAttributeValue> } {
  const attributes = { ...message.MessageAttributes };
  const sent = message.Attributes?.SentTimestamp;
  if (!attributes[FIRST_SENT_ATTRIBUTE] && sent && Object.keys(attributes).length < MAX_MESSAGE_ATTRIBUTES) {
    attributes[FIRST_SENT_ATTRIBUTE] = { DataType: "Number", StringValue: sent };
  }
  return Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {};
}
