import { readFile } from "node:fs/promises";
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reprocessRaw } from "../../infra/cli/reprocess-raw";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import { decodeS3EventKey } from "../../shared/events/s3-event-notification";
import { keys } from "../../shared/storage/item-keys";
import { type NotificationLog, recordIdOf, settledOutcome, startNotificationLog } from "./support/notification-log";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * One page, several versions and several deliveries: S3 and SQS deliver at
 * least once and in any order, and a page may be uploaded again or
 * corrected. The table must end holding the newest version once, with no
 * index items left over from older ones.
 */
const SEED = "000_a669a8a67ac3bc30.txt"; // chair 李超鲲, meeting 2022-01-26
const SEED_INDEX_NUMBER = "014119467/2022-00235"; // the record id derives from it

let pipeline: TestPipeline;
let notifications: NotificationLog;
const s3Events = new Map<string, S3Event[]>();
let seed = "";

/** The seed page as a page of its own (its own index number, so its own record), optionally corrected. */
function page(indexNumber: string, correction?: "corrected"): Buffer {
  let text = seed.replaceAll(SEED_INDEX_NUMBER, indexNumber);
  // The correction: another chair, and the meeting three weeks later.
  if (correction) text = text.replaceAll("李超鲲", "王小明").replaceAll("2022年1月26日", "2022年2月16日");
  return Buffer.from(text);
}

beforeAll(async () => {
  pipeline = await startTestPipeline({
    onS3Event: (event) => {
      const key = decodeS3EventKey(event.Records[0]?.s3.object.key ?? "");
      s3Events.set(key, [...(s3Events.get(key) ?? []), event]);
    },
  });
  notifications = await startNotificationLog(pipeline);
  seed = await readFile(samplePagePath(SEED), "utf8");
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;

async function record(id: string): Promise<{ meeting: { chair: { name: string }; date: string } }> {
  const { status, body } = await pipeline.get(`/meetings/${id}`);
  expect(status).toBe(200);
  return body as { meeting: { chair: { name: string }; date: string } };
}

async function itemsUnder(pk: string): Promise<string[]> {
  const result = await pipeline.clients.dynamodb.send(
    new QueryCommand({
      TableName: pipeline.resources.tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: pk } },
    }),
  );
  return (result.Items ?? []).map((item) => item.sk?.S ?? "");
}

async function replay(event: S3Event): Promise<void> {
  await pipeline.clients.sqs.send(
    new SendMessageCommand({ QueueUrl: pipeline.resources.pageEventsQueueUrl, MessageBody: JSON.stringify(event) }),
  );
}

describe("the same page uploaded twice", () => {
  const key = "raw/versions/twice.txt";

  it("makes one record, and announces the second upload as record.unchanged", async () => {
    await pipeline.put(key, page("twice/1"));
    const [first] = await notifications.waitForUri(uriOf(key), 1);
    const before = notifications.forUri(uriOf(key)).length;
    await pipeline.put(key, page("twice/1"));

    const second = await notifications.waitForMatch(uriOf(key), (n) => n.type === "record.unchanged", before);

    expect(first?.type).toBe("record.created");
    expect(second).toMatchObject({ type: "record.unchanged", id: recordIdOf(first) });
    expect(settledOutcome(notifications.forUri(uriOf(key))).type).toBe("record.created");
    expect((await pipeline.get(`/meetings/${recordIdOf(first)}`)).status).toBe(200);
  });
});

describe("a corrected page under the same key", () => {
  const key = "raw/versions/corrected.txt";
  let id = "";

  beforeAll(async () => {
    await pipeline.put(key, page("corrected/1"));
    const [created] = await notifications.waitForUri(uriOf(key), 1);
    id = recordIdOf(created);
    await pipeline.put(key, page("corrected/1", "corrected"));
    await notifications.waitForMatch(uriOf(key), (n) => n.type === "record.updated");
    await pipeline.waitForIdle({ timeoutMs: 200_000 });
  });

  it("updates the one record", async () => {
    const updated = notifications.forUri(uriOf(key)).filter((n) => n.type === "record.updated");

    expect(updated).toEqual([expect.objectContaining({ type: "record.updated", id })]);
    expect((await record(id)).meeting).toMatchObject({ chair: { name: "王小明" }, date: "2022-02-16" });
  });

  it("removes the index items of the old version", async () => {
    const oldPerson = await itemsUnder(keys.personPk("李超鲲"));
    const listed = await itemsUnder(keys.listPk("meetings"));

    expect(oldPerson.filter((sk) => sk.includes(id))).toEqual([]);
    expect(listed.filter((sk) => sk.includes(id) && !sk.startsWith("2022-02-16"))).toEqual([]);
  });

  it("indexes the new version", async () => {
    expect((await itemsUnder(keys.personPk("王小明"))).some((sk) => sk.includes(id))).toBe(true);
    expect((await itemsUnder(keys.listPk("meetings"))).some((sk) => sk === `2022-02-16#${id}`)).toBe(true);
  });

  it("no longer finds the record under the old chair's name", async () => {
    const { body } = await pipeline.get(`/meetings?person=${encodeURIComponent("李超鲲")}`);

    expect((body as { items: { id: string }[] }).items.map((item) => item.id)).not.toContain(id);
  });

  it("treats the newest S3 event delivered again as a duplicate", async () => {
    const newest = s3Events.get(key)?.at(-1);
    if (!newest) throw new Error("no S3 event seen for the corrected upload");

    const before = notifications.forUri(uriOf(key)).length;
    await replay(newest);
    const notified = await notifications.waitForMatch(uriOf(key), () => true, before);

    expect(notified).toMatchObject({ type: "record.unchanged", reason: "duplicate", id });
  });

  it("never lets the older event, arriving last, overwrite the newer version", async () => {
    const oldest = s3Events.get(key)?.[0];
    if (!oldest) throw new Error("no S3 event seen for the first upload");

    const before = notifications.forUri(uriOf(key)).length;
    await replay(oldest);
    const notified = await notifications.waitForMatch(uriOf(key), (n) => "reason" in n && n.reason === "stale", before);

    expect(notified).toMatchObject({ type: "record.unchanged", reason: "stale", id });
    expect((await record(id)).meeting.chair.name).toBe("王小明");
  });
});

describe("reprocess", () => {
  it("re-reads every raw page under the prefix through the page-events queue", async () => {
    const key = "raw/versions/reprocess.txt";
    await pipeline.put(key, page("reprocess/1"));
    await notifications.waitForUri(uriOf(key), 1);
    const before = notifications.forUri(uriOf(key)).length;

    const result = await reprocessRaw({
      s3: pipeline.clients.s3,
      sqs: pipeline.clients.sqs,
      region: pipeline.resources.region,
      bucket: pipeline.resources.rawBucketName,
      queueUrl: pipeline.resources.pageEventsQueueUrl,
      prefix: key,
    });
    const replayed = await notifications.waitForMatch(
      uriOf(key),
      (n) => "reason" in n && n.reason === "same-content",
      before,
    );

    expect(result).toEqual({ enqueued: 1, failed: [] });
    expect(replayed).toMatchObject({ type: "record.unchanged", reason: "same-content" });
  });
});

describe("reprocess over two keys that share a record id", () => {
  it("keeps the newer page: a replay carries the object's last-modified time, not the time of the replay", async () => {
    // The newer version sits under the key listed first, so a replay stamped in listing order would let
    // the older one win.
    const newer = "raw/versions/order/a-newer.txt";
    const older = "raw/versions/order/b-older.txt";
    await pipeline.put(older, page("order/1"));
    const [created] = await notifications.waitForUri(uriOf(older));
    const id = recordIdOf(created);
    // S3 keeps last-modified in whole seconds: the newer upload must fall in a later second to be newer.
    const head = await pipeline.clients.s3.send(
      new HeadObjectCommand({ Bucket: pipeline.resources.rawBucketName, Key: older }),
    );
    const olderSecond = Math.floor((head.LastModified?.getTime() ?? Date.now()) / 1000);
    await eventually(() => (Math.floor(Date.now() / 1000) > olderSecond ? true : undefined), 5_000);
    await pipeline.put(newer, page("order/1", "corrected"));
    await notifications.waitForMatch(uriOf(newer), (n) => n.type === "record.updated");
    const before = {
      newer: notifications.forUri(uriOf(newer)).length,
      older: notifications.forUri(uriOf(older)).length,
    };

    await reprocessRaw({
      s3: pipeline.clients.s3,
      sqs: pipeline.clients.sqs,
      region: pipeline.resources.region,
      bucket: pipeline.resources.rawBucketName,
      queueUrl: pipeline.resources.pageEventsQueueUrl,
      prefix: "raw/versions/order/",
    });
    const replayedOlder = await notifications.waitForMatch(uriOf(older), () => true, before.older);
    await notifications.waitForMatch(uriOf(newer), () => true, before.newer);

    expect(replayedOlder).toMatchObject({ type: "record.unchanged", reason: "stale", id });
    expect((await record(id)).meeting.chair.name).toBe("王小明");
  });
});
