import { readFile } from "node:fs/promises";
import { DeleteObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realHandler } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import type { HandlerFactory } from "../../infra/local/local-function";
import { MAX_MESSAGE_BYTES } from "../../shared/config/resources";
import { parseRecordMessage, type RecordMessage } from "../../shared/events/record-message";
import { type NotificationLog, recordIdOf, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * A record message whose claim check has expired — as happens to a message
 * redriven after the claim checks' lifecycle age, since a redrive starts a
 * new message — is not lost to the DLQ: store-record queues its page for
 * re-parsing, and the re-parse sends the record again with a fresh claim
 * check. The expiry is made real: the claim check object is deleted from
 * the artifacts bucket just before the real store-record handler reads it.
 * MAX_PAGE_BYTES is lowered to 2 MiB as in unusual-pages.test.ts; the
 * pages carry ~1.2 MB of minutes, so their records travel by claim check.
 */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const SEED = "000_a669a8a67ac3bc30.txt";
const SEED_INDEX_NUMBER = "014119467/2022-00235"; // the record id derives from it

const PAGES = {
  /** its claim check expires; the page is still there */
  reparsed: "raw/expired/reparsed.txt",
  /** its claim check expires and the page version is gone too */
  gone: "raw/expired/gone.txt",
};

let pipeline: TestPipeline;
let notifications: NotificationLog;
/** Every pointer message store-record received, by page uri, in order. */
const pointerDeliveries = new Map<string, RecordMessage[]>();

/**
 * The real store-record handler, but the first pointer message of each page
 * in PAGES finds its claim check expired: deleted just before the handler runs.
 * For `gone`, the page version it was parsed from is deleted as well.
 */
function expireFirstClaimCheck(inner: HandlerFactory<SQSEvent, unknown>): HandlerFactory<SQSEvent, unknown> {
  return async (containerId) => {
    const handler = await inner(containerId);
    return async (event, context) => {
      for (const record of event.Records) await expireIfFirst(record);
      return handler(event, context);
    };
  };
}

async function expireIfFirst(record: SQSRecord): Promise<void> {
  const message = parseRecordMessage(record.body);
  if (!("pointer" in message)) return;
  const uri = message.version.uri;
  const seen = [...(pointerDeliveries.get(uri) ?? []), message];
  pointerDeliveries.set(uri, seen);
  if (seen.length !== 1 || !Object.values(PAGES).some((key) => uri === uriOf(key))) return;
  const { s3 } = pipeline.clients;
  await s3.send(new DeleteObjectCommand({ Bucket: message.pointer.bucket, Key: message.pointer.key }));
  if (uri === uriOf(PAGES.gone)) {
    const { versionId } = message.version;
    await s3.send(
      new DeleteObjectCommand({
        Bucket: pipeline.resources.rawBucketName,
        Key: PAGES.gone,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
  }
}

beforeAll(async () => {
  pipeline = await startTestPipeline({
    maxPageBytes: MAX_PAGE_BYTES,
    handlers: { storeRecord: expireFirstClaimCheck(realHandler("storeRecord")) },
  });
  notifications = await startNotificationLog(pipeline);

  const seed = await readFile(samplePagePath(SEED), "utf8");
  const paragraph = `${"会议强调,要坚持问题导向,细化工作措施,压实工作责任,确保各项任务落地见效。".repeat(20)}\n\n`;
  const longMinutes = paragraph.repeat(Math.ceil(1_200_000 / Buffer.byteLength(paragraph)));
  // Each page its own index number, so its own record.
  const hugePage = (indexNumber: string) =>
    Buffer.from(
      seed.replaceAll(SEED_INDEX_NUMBER, indexNumber).replace("二、会议审议了", `${longMinutes}二、会议审议了`),
    );
  await pipeline.put(PAGES.reparsed, hugePage("expired/1"));
  await pipeline.put(PAGES.gone, hugePage("expired/2"));
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;

describe("a record whose claim check expired before store-record read it", () => {
  it("is re-parsed from its page and stored whole, announced by exactly one record.created", async () => {
    const created = await notifications.waitForMatch(uriOf(PAGES.reparsed), (n) => n.type === "record.created");
    const { status, body } = await pipeline.get(`/meetings/${recordIdOf(created)}`);

    expect(status).toBe(200);
    expect(Buffer.byteLength((body as { body: string }).body)).toBeGreaterThan(MAX_MESSAGE_BYTES);
    expect(settledOutcome(notifications.forUri(uriOf(PAGES.reparsed)))).toEqual(created);
    expect(notifications.forUri(uriOf(PAGES.reparsed)).filter((n) => n.type === "record.created")).toHaveLength(1);
  });

  it("came back as a second pointer message for the same page version, with its claim check written again", async () => {
    const [expired, again] = pointerDeliveries.get(uriOf(PAGES.reparsed)) ?? [];
    if (!(expired && again && "pointer" in again)) throw new Error("the page was not sent again by claim check");

    expect(again.version).toEqual(expired.version);
    await expect(
      pipeline.clients.s3.send(new HeadObjectCommand({ Bucket: again.pointer.bucket, Key: again.pointer.key })),
    ).resolves.toBeDefined();
  });
});

describe("a record whose claim check expired and whose page version is gone too", () => {
  it("ends as page.rejected (missing), the way parse-page reports any page deleted before it is read", async () => {
    const rejected = await notifications.waitForMatch(uriOf(PAGES.gone), (n) => n.type === "page.rejected");

    expect(rejected).toMatchObject({ type: "page.rejected", reason: { code: "missing" } });
    expect(notifications.forUri(uriOf(PAGES.gone)).map((n) => n.type)).toEqual(["page.rejected"]);
  });
});

describe("afterwards", () => {
  it("leaves every queue and dead-letter queue empty", async () => {
    await expect(pipeline.waitForEmptyQueues()).resolves.toBeUndefined();
    expect(pointerDeliveries.get(uriOf(PAGES.reparsed))).toHaveLength(2);
    expect(pointerDeliveries.get(uriOf(PAGES.gone))).toHaveLength(1);
  });
});
