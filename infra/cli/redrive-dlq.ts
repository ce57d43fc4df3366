import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/**
 * Moves every message of a dead-letter queue back to its source queue, body
 * and attributes unchanged, deleting each from the DLQ only once it is sent
 * (so a failure leaves it where it was). Plain receive/send/delete rather than
 * StartMessageMoveTask, which the local emulator lacks: one code path for
 * both.
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
      }),
    );
    if (Messages.length === 0) return result;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: to,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? "",
          ...(hasAttributes(message) ? { MessageAttributes: message.MessageAttributes } : {}),
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

function hasAttributes(
  message: Message,
): message is Message & { MessageAttributes: Record<string, MessageAttributeValue> } {
  return Object.keys(message.MessageAttributes ?? {}).length > 0;
}
