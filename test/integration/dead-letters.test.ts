import { readFile } from "node:fs/promises";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redriveQueue } from "../../infra/cli/redrive-dlq";
import { realHandler } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import { FIRST_SENT_ATTRIBUTE, QUEUES } from "../../shared/config/resources";
import { failMessages } from "./support/fault-injection";
import { type NotificationLog, recordIdOf, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * Messages that keep failing: retried until maxReceiveCount, then kept in
 * the DLQ (never dropped), and brought back by `docket redrive` once the
 * cause is gone. The store fails for one page through a fault injected
 * around the real store-record handler, which makes the failed message
 * visible again at once, so the five attempts take seconds while healthy
 * messages keep the long test visibility timeout (never redelivered because
 * the machine is slow).
 */
const TARGET_KEY = "raw/faults/target.txt";
const NEIGHBOUR_KEYS = ["raw/faults/neighbour-1.txt", "raw/faults/neighbour-2.txt"];

let pipeline: TestPipeline;
let notifications: NotificationLog;
let storeFails = true;
const targetAttempts: SQSRecord[] = [];

function isForTarget(record: SQSRecord): boolean {
  const body = JSON.parse(record.body) as { version?: { uri?: string } };
  return body.version?.uri?.endsWith(TARGET_KEY) ?? false;
}

beforeAll(async () => {
  pipeline = await startTestPipeline({
    // The page event that names no page fails in parse-page: 10 s brings its five attempts round.
    visibilityTimeoutSeconds: { pageEvents: 10 },
    handlers: {
      storeRecord: failMessages(
        realHandler("storeRecord"),
        (record) => {
          if (!isForTarget(record)) return false;
          targetAttempts.push(record);
          return storeFails;
        },
        { sqs: () => pipeline.clients.sqs, queueUrl: () => pipeline.resources.recordsQueueUrl },
      ),
    },
  });
  notifications = await startNotificationLog(pipeline);
  // Warm the functions first, so the target and its neighbours meet warm containers.
  await pipeline.put("raw/faults/warm-up.txt", await readFile(samplePagePath("004_2e4d903fcb0281f4.txt")));
  await notifications.waitForUri(`s3://${pipeline.resources.rawBucketName}/raw/faults/warm-up.txt`);
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;

describe("a record the store keeps failing", () => {
  beforeAll(async () => {
    await pipeline.put(TARGET_KEY, await readFile(samplePagePath("000_a669a8a67ac3bc30.txt")));
    await pipeline.put(NEIGHBOUR_KEYS[0] ?? "", await readFile(samplePagePath("001_ed79df4deace7843.txt")));
    await pipeline.put(NEIGHBOUR_KEYS[1] ?? "", await readFile(samplePagePath("002_76197ed3313aabe9.txt")));
    // Settled: the target in the records DLQ, everything else consumed.
    await pipeline.waitForDepths({ recordsDlq: { visible: 1 } }, 200_000);
  });

  it("is attempted maxReceiveCount times, then moved to the records DLQ", async () => {
    const counts = targetAttempts.map((record) => Number(record.attributes.ApproximateReceiveCount)).sort();

    expect(counts).toEqual(Array.from({ length: QUEUES.records.maxReceiveCount }, (_, i) => i + 1));
    expect((await pipeline.queueDepths()).recordsDlq.visible).toBe(1);
  });

  it("is neither stored nor announced meanwhile", () => {
    expect(notifications.forUri(uriOf(TARGET_KEY))).toEqual([]);
  });

  it("does not hold back the other records", async () => {
    for (const key of NEIGHBOUR_KEYS) {
      const announced = await notifications.waitForUri(uriOf(key));
      expect(settledOutcome(announced).type).toBe("record.created");
    }
  });

  it("is stored once redriven after the fault is gone", async () => {
    storeFails = false;

    const result = await redriveQueue(
      pipeline.clients.sqs,
      pipeline.resources.recordsDlqUrl,
      pipeline.resources.recordsQueueUrl,
    );
    const stored = await notifications.waitForMatch(uriOf(TARGET_KEY), (n) => n.type === "record.created");

    expect(result).toEqual({ moved: 1, failed: 0 });
    expect((await pipeline.get(`/meetings/${recordIdOf(stored)}`)).status).toBe(200);
  });

  it("keeps, once redriven, the first enqueue time of the original message (its claim check's age)", () => {
    const [first] = targetAttempts;
    const redriven = targetAttempts.at(-1);

    expect(redriven?.attributes.SentTimestamp).not.toBe(first?.attributes.SentTimestamp);
    expect(redriven?.messageAttributes[FIRST_SENT_ATTRIBUTE]).toMatchObject({
      dataType: "Number",
      stringValue: first?.attributes.SentTimestamp,
    });
  });

  it("leaves every queue and DLQ empty at the end", async () => {
    await expect(pipeline.waitForEmptyQueues()).resolves.toBeUndefined();
    expect(settledOutcome(notifications.forUri(uriOf(TARGET_KEY))).type).toBe("record.created");
  });
});

describe("a page event that names no page", () => {
  it("is kept in the page-events DLQ rather than dropped", { timeout: 240_000 }, async () => {
    await pipeline.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: pipeline.resources.pageEventsQueueUrl, MessageBody: '{"not":"an S3 event"}' }),
    );

    // Passes only once the page-events queue itself reads empty too: the counts can lag the move.
    await expect(pipeline.waitForDepths({ pageEventsDlq: { visible: 1 } }, 200_000)).resolves.toBeUndefined();
  });
});
