import { S3Client } from "@aws-sdk/client-s3";
import {
  PublishBatchCommand,
  type PublishBatchCommandInput,
  type PublishBatchRequestEntry,
  PublishCommand,
  SNSClient,
} from "@aws-sdk/client-sns";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { vi } from "vitest";
import type { IngestNotification } from "../../../../shared/events/ingest-notification";
import type { Log } from "../../../../shared/observability/log";
import type { MetricsSink } from "../../../../shared/observability/metrics";

export const NOW = new Date("2024-05-01T12:00:00.000Z");

/** A logger that records nothing. */
export const silentLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  appendKeys: () => {},
};

/** Metrics that remember what was added, dimension included. */
export function recordingMetrics() {
  const added: { name: string; value: number; dimensions: Record<string, string> }[] = [];
  const sink: MetricsSink = {
    addMetric: vi.fn((name: string, _unit: unknown, value: number) => {
      added.push({ name, value, dimensions: {} });
    }) as unknown as MetricsSink["addMetric"],
    singleMetric: vi.fn(() => {
      const dimensions: Record<string, string> = {};
      return {
        addDimension: (name: string, value: string) => {
          dimensions[name] = value;
        },
        addMetric: (name: string, _unit: unknown, value: number) => {
          added.push({ name, value, dimensions });
        },
      };
    }) as unknown as MetricsSink["singleMetric"],
  };
  return { sink, added };
}

export function awsMocks() {
  return { s3Mock: mockClient(S3Client), sqsMock: mockClient(SQSClient), snsMock: mockClient(SNSClient) };
}

export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "1714564800000",
      SenderId: "s3",
      ApproximateFirstReceiveTimestamp: "1714564800000",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:queue",
    awsRegion: "us-east-1",
  };
}

type SnsMock = ReturnType<typeof awsMocks>["snsMock"];

/**
 * A topic that publishes every entry of every PublishBatch it is sent,
 * except those `refuse` picks (answered as Failed entries); `failFirstCall`
 * makes the first call fail as a whole (SNS unreachable).
 */
export function acceptPublishes(
  snsMock: SnsMock,
  options: { refuse?: (entry: PublishBatchRequestEntry) => boolean; failFirstCall?: Error } = {},
): void {
  const refuse = options.refuse ?? (() => false);
  let calls = 0;
  snsMock.on(PublishBatchCommand).callsFake(async (input: PublishBatchCommandInput) => {
    calls += 1;
    if (calls === 1 && options.failFirstCall) throw options.failFirstCall;
    const entries = input.PublishBatchRequestEntries ?? [];
    return {
      Successful: entries
        .filter((entry) => !refuse(entry))
        .map((entry) => ({ Id: entry.Id, MessageId: `m-${entry.Id}` })),
      Failed: entries
        .filter(refuse)
        .map((entry) => ({ Id: entry.Id, Code: "InternalError", Message: "try again", SenderFault: false })),
    };
  });
}

/**
 * The notifications sent to SNS, parsed, with their `type` message
 * attribute: Publish calls (parse-page), then PublishBatch entries (store-record).
 */
export function published(snsMock: SnsMock) {
  const single = snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input);
  const batched = snsMock
    .commandCalls(PublishBatchCommand)
    .flatMap((call) => call.args[0].input.PublishBatchRequestEntries ?? []);
  return [...single, ...batched].map((entry) => ({
    message: JSON.parse(entry.Message ?? "") as IngestNotification,
    typeAttribute: entry.MessageAttributes?.type?.StringValue,
  }));
}

/** The message bodies sent to the records queue, parsed, in order. */
export function sentBodies(sqsMock: ReturnType<typeof awsMocks>["sqsMock"]): unknown[] {
  return sqsMock
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.MessageBody ?? ""));
}

export function failedIds(response: { batchItemFailures: { itemIdentifier: string }[] }): string[] {
  return response.batchItemFailures.map((failure) => failure.itemIdentifier).sort();
}
