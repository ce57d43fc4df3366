import { readFile } from "node:fs/promises";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realHandler } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import type { HandlerFactory } from "../../infra/local/local-function";
import { type NotificationLog, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * A slow delivery and its redelivery overlapping, through the whole local
 * pipeline: every record message for these pages is handled by two
 * store-record containers at once (the second as a duplicate receipt whose
 * outcome SQS never hears). Each page is still announced once.
 */
const PAGES = ["000_a669a8a67ac3bc30.txt", "001_ed79df4deace7843.txt", "002_76197ed3313aabe9.txt"];
const keyOf = (index: number) => `raw/overlap/page-${index}.txt`;

let pipeline: TestPipeline;
let notifications: NotificationLog;
let twinDeliveries = 0;

function isOverlapPage(record: SQSRecord): boolean {
  const body = JSON.parse(record.body) as { version?: { uri?: string } };
  return body.version?.uri?.includes("/raw/overlap/") ?? false;
}

/** Hands the picked messages to a second container at the same moment as the first. */
function deliverTwiceAtOnce(
  inner: HandlerFactory<SQSEvent, unknown>,
  pick: (record: SQSRecord) => boolean,
): HandlerFactory<SQSEvent, unknown> {
  return async (containerId) => {
    const handler = await inner(containerId);
    const twin = await inner(containerId + 1000);
    return async (event, context) => {
      const twice = event.Records.filter(pick);
      if (twice.length > 0) twinDeliveries += twice.length;
      const [result] = await Promise.all([
        handler(event, context),
        // The duplicate receipt: whatever it answers, SQS acts on the first one's answer only.
        twice.length > 0 ? twin({ Records: twice }, context).catch(() => undefined) : undefined,
      ]);
      return result;
    };
  };
}

beforeAll(async () => {
  pipeline = await startTestPipeline({
    handlers: { storeRecord: deliverTwiceAtOnce(realHandler("storeRecord"), isOverlapPage) },
  });
  notifications = await startNotificationLog(pipeline);
  for (const [index, page] of PAGES.entries()) await pipeline.put(keyOf(index), await readFile(samplePagePath(page)));
  await Promise.all(
    PAGES.map((_, index) =>
      notifications.waitForMatch(
        `s3://${pipeline.resources.rawBucketName}/${keyOf(index)}`,
        (n) => n.type === "record.created",
      ),
    ),
  );
  await pipeline.waitForEmptyQueues(200_000);
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

describe("two store-record deliveries of the same message at once", () => {
  it("delivered every record message of these pages twice", () => {
    expect(twinDeliveries).toBeGreaterThanOrEqual(PAGES.length);
  });

  it("announces each page with exactly one record.created, and only record.unchanged besides", () => {
    for (const index of PAGES.keys()) {
      const uri = `s3://${pipeline.resources.rawBucketName}/${keyOf(index)}`;
      expect(settledOutcome(notifications.forUri(uri))).toMatchObject({ type: "record.created", uri });
    }
  });

  it("announces a changed version of a page with exactly one record.updated", async () => {
    const uri = `s3://${pipeline.resources.rawBucketName}/${keyOf(0)}`;
    const original = await readFile(samplePagePath(PAGES[0] ?? ""));
    // A closing line changes the body, not the date, region, title or people the index items carry.
    await pipeline.put(keyOf(0), Buffer.concat([original, Buffer.from("\n（本文完）\n")]));

    await notifications.waitForMatch(uri, (n) => n.type === "record.updated");
    await pipeline.waitForEmptyQueues(200_000);

    const types = notifications.forUri(uri).map((n) => n.type);
    expect(types.filter((type) => type === "record.created")).toHaveLength(1);
    expect(types.filter((type) => type === "record.updated")).toHaveLength(1);
    expect(types.filter((type) => type !== "record.created" && type !== "record.updated")).toEqual(
      types.filter((type) => type === "record.unchanged"),
    );
  });
});
