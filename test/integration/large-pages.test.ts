import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_PAGE_BYTES } from "../../shared/config/resources";
import { decodeS3EventKey } from "../../shared/events/s3-event-notification";
import { MULTIPART_THRESHOLD_BYTES, uploadPages } from "../../shared/ingest/upload-pages";
import { type NotificationLog, settledOutcome, startNotificationLog } from "./support/notification-log";
import { startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * Pages far over the size limit upload as they would to S3, whole or in
 * parts, and each becomes one page.rejected (too-large), never a failed
 * upload. The files are made here, not committed.
 */
const MB = 1024 * 1024;
let pipeline: TestPipeline;
let notifications: NotificationLog;
let dir = "";
const eventNames = new Map<string, string>();

beforeAll(async () => {
  pipeline = await startTestPipeline({
    onS3Event: (event: S3Event) => {
      for (const record of event.Records) eventNames.set(decodeS3EventKey(record.s3.object.key), record.eventName);
    },
  });
  notifications = await startNotificationLog(pipeline);
  dir = await mkdtemp(join(tmpdir(), "docket-large-"));
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;

async function page(name: string, bytes: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.alloc(bytes, "<p>会议</p>"));
  return path;
}

describe("pages over the size limit", () => {
  it.each([
    ["15 MB", 15 * MB],
    ["50 MB", 50 * MB],
  ])("uploads a %s page with docket upload (multipart) and rejects it as too-large", async (label, bytes) => {
    const key = `raw/large/${label.replace(" ", "")}.html`;
    const summary = await uploadPages([{ path: await page(`${label}.html`, bytes), key }], {
      s3: pipeline.clients.s3,
      bucket: pipeline.resources.rawBucketName,
    });
    expect(summary.failed).toEqual([]);

    await notifications.waitForUri(uriOf(key), 1, 120_000);
    const head = await pipeline.clients.s3.send(
      new HeadObjectCommand({ Bucket: pipeline.resources.rawBucketName, Key: key }),
    );

    expect(bytes).toBeGreaterThan(MULTIPART_THRESHOLD_BYTES);
    expect(eventNames.get(key)).toBe("ObjectCreated:CompleteMultipartUpload");
    expect(head.ContentLength).toBe(bytes);
    expect(settledOutcome(notifications.forUri(uriOf(key)))).toMatchObject({
      type: "page.rejected",
      reason: { code: "too-large" },
      size: bytes,
    });
  });

  it("takes a 15 MB page in one PutObject too, as S3 does, and rejects it as too-large", async () => {
    const key = "raw/large/whole-15MB.html";
    const bytes = 15 * MB;
    await pipeline.put(key, Buffer.alloc(bytes, "<p>会议</p>"));

    await notifications.waitForUri(uriOf(key), 1, 120_000);

    expect(bytes).toBeGreaterThan(DEFAULT_MAX_PAGE_BYTES);
    expect(eventNames.get(key)).toBe("ObjectCreated:Put");
    expect(settledOutcome(notifications.forUri(uriOf(key)))).toMatchObject({
      type: "page.rejected",
      reason: { code: "too-large" },
      size: bytes,
    });
  });
});
