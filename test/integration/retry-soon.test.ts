import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqsRecord } from "../../infra/local/sqs-lambda-event";
import { LOCAL_CREDENTIALS } from "../../shared/config/local-state-file";
import { retrySoon } from "../../shared/ingest/retry-soon";
import type { Log } from "../../shared/observability/log";
import { eventually } from "./support/test-pipeline";

/**
 * The real SDK against fauxqs: a message store-record failed for contention,
 * on a queue whose visibility timeout is three minutes (store-record's), is
 * received again within seconds once retrySoon has changed its visibility.
 */
const app = buildApp({ logger: false });
let sqs: SQSClient;
let queueUrl: string;
const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message) } as unknown as Log;

beforeAll(async () => {
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  sqs = new SQSClient({ region: "us-east-1", endpoint: url, credentials: LOCAL_CREDENTIALS });
  ({ QueueUrl: queueUrl = "" } = await sqs.send(
    new CreateQueueCommand({ QueueName: "records", Attributes: { VisibilityTimeout: "180" } }),
  ));
});

afterAll(async () => {
  await app.close();
});

it("brings a message failed for contention back within seconds, not after the 180 s visibility timeout", async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "contended record" }));
  const receive = () =>
    sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ["All"] }),
    );
  const [first] = (await receive()).Messages ?? [];
  expect(first?.Body).toBe("contended record");
  if (!first) return;
  expect((await receive()).Messages ?? []).toEqual([]);

  const failedAt = Date.now();
  await retrySoon({ sqs, queueUrl, logger: log, random: () => 0.5 }, [
    { message: sqsRecord(first, "arn:aws:sqs:us-east-1:000000000000:records", "us-east-1") },
  ]);

  const again = await eventually(async () => (await receive()).Messages?.[0], 30_000);
  expect(again.MessageId).toBe(first.MessageId);
  expect(again.Attributes?.ApproximateReceiveCount).toBe("2");
  // 3 s on the first receive (jitter pinned to its middle): not at once, and far below 180 s.
  expect(Date.now() - failedAt).toBeGreaterThanOrEqual(2_500);
  expect(warnings).toEqual([]);
});
