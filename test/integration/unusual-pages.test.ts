import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import { MAX_MESSAGE_BYTES } from "../../shared/config/resources";
import { createSequencer, objectCreatedEvent } from "../../shared/events/s3-event-notification";
import { type NotificationLog, recordIdOf, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * Pages that are not ordinary meeting pages: each ends as exactly one
 * notification — a record, or page.rejected with a reason — and nothing is
 * lost or left in a queue. MAX_PAGE_BYTES is lowered to 2 MiB so an
 * oversized page is cheap to make; a 1.2 MB meeting page still fits, and
 * its record is too big for an SQS message (claim check).
 */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

let pipeline: TestPipeline;
let notifications: NotificationLog;

const PAGES = {
  empty: "raw/unusual/empty.txt",
  binary: "raw/unusual/image.png",
  oversized: "raw/unusual/oversized.html",
  notAMeeting: "raw/unusual/gamersky-1.html",
  hugeBody: "raw/unusual/huge-minutes.txt",
  nonBmp: "raw/unusual/non-bmp-minutes.txt",
};

/** A page whose event was queued but whose object was deleted before parse-page read it. */
const GONE = "raw/unusual/deleted-before-read.html";

/** Outside the Basic Multilingual Plane: CJK Extension B (in personal names) and an emoji. */
const NON_BMP = { name: "李𠮷", emoji: "🎉" };

let hugeBody: Buffer;

beforeAll(async () => {
  // S3's answer to the functions' roles for a missing object (403), as in AWS: see "a page deleted before it was read".
  pipeline = await startTestPipeline({ maxPageBytes: MAX_PAGE_BYTES, denyMissingObjectReads: true });
  notifications = await startNotificationLog(pipeline);

  const seed = await readFile(samplePagePath("000_a669a8a67ac3bc30.txt"), "utf8");
  const paragraph = `${"会议强调,要坚持问题导向,细化工作措施,压实工作责任,确保各项任务落地见效。".repeat(20)}\n\n`;
  // The minutes with ~1.2 MB more text in the second agenda item: the record outgrows an SQS message.
  hugeBody = Buffer.from(
    seed.replace(
      "二、会议审议了",
      `${paragraph.repeat(Math.ceil(1_200_000 / Buffer.byteLength(paragraph)))}二、会议审议了`,
    ),
  );

  await pipeline.put(PAGES.empty, "");
  await pipeline.put(
    PAGES.binary,
    Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(4096)]),
  );
  await pipeline.put(PAGES.oversized, Buffer.alloc(MAX_PAGE_BYTES + 1, "a"));
  await pipeline.put(
    PAGES.notAMeeting,
    await readFile(join(REPO_ROOT, "test/fixtures/pages/html-gamersky-1/page.html")),
  );
  await pipeline.put(PAGES.hugeBody, hugeBody);
  await pipeline.put(
    PAGES.nonBmp,
    seed
      .replaceAll("014119467/2022-00235", "non-bmp/1")
      .replaceAll("李超鲲", NON_BMP.name)
      .replace("会议指出", `会议指出${NON_BMP.emoji}`),
  );
  await pipeline.clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: pipeline.resources.pageEventsQueueUrl,
      MessageBody: JSON.stringify(
        objectCreatedEvent({
          eventName: "ObjectCreated:Put",
          region: pipeline.resources.region,
          bucket: pipeline.resources.rawBucketName,
          key: GONE,
          size: 100,
          eTag: "0123456789abcdef0123456789abcdef",
          sequencer: createSequencer()(),
        }),
      ),
    }),
  );
  await pipeline.waitForIdle({ timeoutMs: 240_000 });
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;

/** The notification that settled the page; redeliveries may repeat it (as record.unchanged for a record). */
async function outcome(key: string) {
  await notifications.waitForUri(uriOf(key));
  return settledOutcome(notifications.forUri(uriOf(key)));
}

describe("pages the parser rejects", () => {
  it("rejects an empty file as empty", async () => {
    expect(await outcome(PAGES.empty)).toMatchObject({ type: "page.rejected", reason: { code: "empty" } });
  });

  it("rejects a binary file as binary", async () => {
    expect(await outcome(PAGES.binary)).toMatchObject({ type: "page.rejected", reason: { code: "binary" } });
  });

  it("rejects a page over MAX_PAGE_BYTES unread, naming its size", async () => {
    expect(await outcome(PAGES.oversized)).toMatchObject({
      type: "page.rejected",
      reason: { code: "too-large" },
      size: MAX_PAGE_BYTES + 1,
    });
  });

  it("keeps rejected pages in the raw bucket, so they can be reprocessed", async () => {
    const listed = await pipeline.clients.s3.send(
      new ListObjectsV2Command({ Bucket: pipeline.resources.rawBucketName, Prefix: "raw/unusual/" }),
    );

    expect((listed.Contents ?? []).map((object) => object.Key).sort()).toEqual(Object.values(PAGES).sort());
  });
});

describe("a page deleted before it was read", () => {
  it("reaches the functions as S3's 403 AccessDenied, as in AWS for roles that may list only under a prefix", async () => {
    // The functions' S3 endpoint (their environment); an outside caller still gets the emulator's 404.
    const functionsS3 = new S3Client({
      region: pipeline.resources.region,
      endpoint: process.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const read = (s3: S3Client) =>
      s3.send(new GetObjectCommand({ Bucket: pipeline.resources.rawBucketName, Key: GONE }));

    await expect(read(functionsS3)).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(read(pipeline.clients.s3)).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    functionsS3.destroy();
  });

  it("is rejected once as missing, not retried into the DLQ", async () => {
    expect(await outcome(GONE)).toMatchObject({ type: "page.rejected", reason: { code: "missing" } });
    expect(notifications.forUri(uriOf(GONE))).toHaveLength(1);
  });
});

describe("a page that is not about a meeting", () => {
  it("becomes a record of kind other, with no meeting", async () => {
    const notification = await outcome(PAGES.notAMeeting);
    expect(notification?.type).toBe("record.created");

    const { body } = await pipeline.get(`/meetings/${recordIdOf(notification)}`);

    expect(body).toMatchObject({ kind: "other", meeting: null });
  });
});

describe("a record too big for an SQS message", () => {
  it("travels by claim check and is stored whole", async () => {
    const notification = await outcome(PAGES.hugeBody);
    expect(notification?.type).toBe("record.created");
    const { status, body } = await pipeline.get(`/meetings/${recordIdOf(notification)}`);

    expect(status).toBe(200);
    expect(Buffer.byteLength((body as { body: string }).body)).toBeGreaterThan(MAX_MESSAGE_BYTES);
  });

  it("leaves the claim in the artifacts bucket", async () => {
    const listed = await pipeline.clients.s3.send(
      new ListObjectsV2Command({ Bucket: pipeline.resources.artifactsBucketName }),
    );

    expect((listed.Contents ?? []).some((object) => (object.Size ?? 0) > MAX_MESSAGE_BYTES)).toBe(true);
  });
});

describe("characters outside the Basic Multilingual Plane", () => {
  it("are carried through both queues and stored as written (SQS takes #x10000 to #x10FFFF)", async () => {
    const notification = await outcome(PAGES.nonBmp);
    expect(notification?.type).toBe("record.created");

    const { body } = await pipeline.get(`/meetings/${recordIdOf(notification)}`);

    expect(body).toMatchObject({ meeting: { chair: { name: NON_BMP.name } } });
    expect(JSON.stringify(body)).toContain(`会议指出${NON_BMP.emoji}`);
  });
});

describe("afterwards", () => {
  it("settles every upload once and leaves nothing in any queue or DLQ", async () => {
    await pipeline.waitForEmptyQueues();

    expect(new Set(notifications.all.map((notification) => notification.uri))).toEqual(
      new Set([...Object.values(PAGES), GONE].map(uriOf)),
    );
    for (const key of Object.values(PAGES))
      expect(() => settledOutcome(notifications.forUri(uriOf(key)))).not.toThrow();
  });
});
