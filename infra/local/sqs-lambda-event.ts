import type { Message } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from "aws-lambda";

/** The SQS event Lambda's event source mapping hands a function, built from received messages. */
export function sqsLambdaEvent(messages: Message[], queueArn: string, region: string): SQSEvent {
  return { Records: messages.map((message) => sqsRecord(message, queueArn, region)) };
}

/** One record of that event. */
export function sqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  const record: SQSRecord = {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? "1",
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? "000000000000",
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: lambdaMessageAttributes(message),
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/** Lambda lower-cases the attribute fields and base64-encodes binary values. */
function lambdaMessageAttributes(message: Message): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    out[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString("base64") } : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString("base64")),
      dataType: value.DataType ?? "String",
    };
  }
  return out;
}

/**
 * Which messages of a batch Lambda deletes, given what the function returned.
 * Rules from the Lambda developer guide (partial batch responses): an empty or
 * missing response, or an empty/null list, is complete success; a malformed
 * response or an identifier that is empty or not in the batch fails the whole
 * batch.
 */
export function succeededMessageIds(event: SQSEvent, response: unknown): Set<string> {
  const all = new Set(event.Records.map((record) => record.messageId));
  if (response === undefined || response === null) return all;
  if (typeof response !== "object") return new Set();
  const failures = (response as Partial<SQSBatchResponse>).batchItemFailures;
  if (failures === undefined || failures === null) return all;
  if (!Array.isArray(failures)) return new Set();
  const succeeded = new Set(all);
  for (const failure of failures as unknown[]) {
    const id =
      typeof failure === "object" && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : null;
    if (typeof id !== "string" || id === "" || !all.has(id)) return new Set();
    succeeded.delete(id);
  }
  return succeeded;
}
