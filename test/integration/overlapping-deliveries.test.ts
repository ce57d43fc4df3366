import { readFile } from "node:fs/promises";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realHandler } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import type { HandlerFactory } from "../../infra/local/local-function";
import type { IngestNotification } from "../../shared/events/ingest-notification";
import { type NotificationLog, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * A slow delivery and its redelivery overlapping, through the whole local
 * pipeline: every record message for these pages is handled by two
 * store-record containers at once (the second as a duplicate receipt whose
 * outcome SQS never hears). Each page is still announced once. And copies
 * of one page stored at the same moment: exactly one is the original.
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

describe("identical pages stored at the same moment under different keys", () => {
  const COPIES = 4;
  // No 索引号 and no URL: each key becomes its own record id, all with the same bytes.
  const page = "钟楼区召开重复内容测试会议\n2024年3月5日上午，钟楼区政府召开会议，研究部署有关工作。\n";
  const copyKey = (index: number) => `raw/overlap/copies/copy-${index}.txt`;
  const copyUri = (index: number) => `s3://${pipeline.resources.rawBucketName}/${copyKey(index)}`;
  let created: IngestNotification[] = [];

  beforeAll(async () => {
    await Promise.all(Array.from({ length: COPIES }, (_, index) => pipeline.put(copyKey(index), page)));
    created = await Promise.all(
      Array.from({ length: COPIES }, (_, index) =>
        notifications.waitForMatch(copyUri(index), (n) => n.type === "record.created"),
      ),
    );
    await pipeline.waitForEmptyQueues(200_000);
  });

  it("makes exactly one of them the original, and the others duplicates of it", () => {
    const ids = created.map((n) => (n.type === "record.created" ? n.id : ""));
    expect(new Set(ids).size).toBe(COPIES);
    const originals = created.filter((n) => n.type === "record.created" && !n.duplicateOf);
    expect(originals).toHaveLength(1);
    const original = originals[0]?.type === "record.created" ? originals[0].id : "";
    expect(created.filter((n) => n.type === "record.created" && n.duplicateOf === original)).toHaveLength(COPIES - 1);
  });

  it("lists only the original unless duplicates are asked for", async () => {
    const ids = new Set(created.map((n) => (n.type === "record.created" ? n.id : "")));
    const first = await pipeline.get(`/meetings/${[...ids][0]}`);
    const kind = (first.body as { kind: string }).kind;
    const listed = async (query: string) => {
      const { body } = await pipeline.get(`/meetings?kind=${kind}&limit=100${query}`);
      return (body as { items: { id: string }[] }).items.filter((item) => ids.has(item.id));
    };

    expect(await listed("")).toHaveLength(1);
    expect(await listed("&includeDuplicates=true")).toHaveLength(COPIES);
  });
});
