import { S3Client } from "@aws-sdk/client-s3";
import { PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { processRecordMessages, type StoreRecordDeps } from "../../../shared/ingest/store-record-service";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { indexItems } from "../../../shared/storage/index-items";
import type { RecordItem } from "../../../shared/storage/record-item";
import { type OwedNotification, type RecordStoreDeps, storeRecord } from "../../../shared/storage/record-store";
import { dynaliteTable } from "../storage/support/dynalite-table";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { aVersion } from "../storage/support/store-harness";
import {
  acceptPublishes,
  failedIds,
  NOW,
  published,
  recordingMetrics,
  silentLog,
  sqsRecord,
} from "./support/ingest-harness";

/**
 * A store-record batch against a real (emulated) table: how many requests
 * it makes per record, and that the batch's shared read and shared
 * notifications keep the store's guarantees. SNS is mocked (its answers
 * per entry are what matter here).
 */

const snsMock = mockClient(SNSClient);
let table: Awaited<ReturnType<typeof dynaliteTable>>;

beforeAll(async () => {
  table = await dynaliteTable();
});
afterAll(async () => {
  await table?.close();
});
beforeEach(() => {
  snsMock.reset();
  acceptPublishes(snsMock);
  table.requests.length = 0;
  table.hooks.before = undefined;
  table.hooks.after = undefined;
});

function deps(): StoreRecordDeps {
  return {
    ddb: table.ddb,
    s3: new S3Client({ region: "us-east-1" }),
    sns: new SNSClient({ region: "us-east-1" }),
    // No record of these batches travels by claim check: nothing is queued for re-parsing.
    sqs: new SQSClient({ region: "us-east-1" }),
    pageEventsQueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/page-events",
    recordsQueueUrl: "https://sqs.us-east-1.amazonaws.com/000000000000/records",
    tableName: table.tableName,
    artifactsBucket: "artifacts",
    topicArn: "arn:aws:sns:us-east-1:000000000000:ingest",
    logger: silentLog,
    metrics: recordingMetrics().sink,
    now: () => NOW,
  };
}

let n = 0;
/** A record of its own (id, page and bytes), and its version. */
function aPage(sequencer = "01") {
  n += 1;
  const base = aMeetingRecord({ id: `rec_${(0xba000 + n).toString(16).padStart(20, "0")}` });
  const record: MeetingRecord = {
    ...base,
    source: {
      ...base.source,
      uri: `s3://raw/raw/batch-${n}.html`,
      sha256: (0xba000 + n).toString(16).padStart(64, "0"),
    },
  };
  return { record, version: aVersion({ uri: record.source.uri, sha256: record.source.sha256, sequencer }) };
}

function message(id: string, page: ReturnType<typeof aPage>) {
  return sqsRecord(id, JSON.stringify(page));
}

const count = (operation: string) => table.requests.filter((request) => request === operation).length;
const types = () => published(snsMock).map((entry) => `${(entry.message as { id?: string }).id}:${entry.message.type}`);

/** Another writer (another delivery, in another invocation) storing a version right after the batch's read. */
function anotherWriterAfterTheBatchRead(page: { record: MeetingRecord; version: ReturnType<typeof aVersion> }) {
  const announced: OwedNotification[] = [];
  let done = false;
  const writer: RecordStoreDeps = {
    ddb: table.ddb,
    s3: new S3Client({ region: "us-east-1" }),
    tableName: table.tableName,
    artifactsBucket: "artifacts",
    now: () => NOW,
  };
  table.hooks.after = async (command) => {
    if (done || command !== "BatchGetItemCommand") return;
    done = true;
    await storeRecord(writer, page.record, page.version, async (type) => {
      announced.push(type);
    });
  };
  return { announced, wrote: () => done };
}

/** The record whose item a request Puts with an index mark, if it is such a Put (before or after the document client marshals it). */
function marksIndex(command: string, input: Record<string, unknown>): string | undefined {
  const item = input.Item as { id?: string | { S?: string }; indexPendingSince?: unknown } | undefined;
  if (command !== "PutItemCommand" || !item?.indexPendingSince) return undefined;
  return typeof item.id === "string" ? item.id : item.id?.S;
}

/**
 * The answers of the requests `held` picks out each held until `count` have
 * theirs, then given all at once: the records go on together (timing on a
 * loaded machine does not split them).
 */
function answerTogether(
  ...groups: { held: (command: string, input: Record<string, unknown>) => boolean; count: number }[]
) {
  const waits = groups.map(({ held, count }) => {
    let answered = 0;
    let release!: () => void;
    const together = new Promise<void>((resolve) => {
      release = resolve;
    });
    return async (command: string, input: Record<string, unknown>) => {
      if (!held(command, input)) return;
      answered += 1;
      if (answered === count) release();
      await together;
    };
  });
  table.hooks.after = async (command, input) => {
    for (const wait of waits) await wait(command, input);
  };
}

const recordPuts = (count: number) => ({
  held: (command: string, input: Record<string, unknown>) => marksIndex(command, input) !== undefined,
  count,
});
const indexCalls = (count: number) => ({ held: (command: string) => command === "BatchWriteItemCommand", count });

/** The index items of the record missing from their partitions. */
async function missingIndexItems(record: MeetingRecord): Promise<string[]> {
  const missing: string[] = [];
  for (const item of indexItems(record)) {
    const partition = await table.partition(item.pk);
    if (!partition.some((stored) => stored.sk === item.sk)) missing.push(`${item.pk} ${item.sk}`);
  }
  return missing;
}

async function recordItem(id: string): Promise<RecordItem> {
  return (await table.partition(`REC#${id}`))[0] as unknown as RecordItem;
}

describe("a store-record batch", () => {
  it("reads its 5 new records' items in one BatchGetItem, no GetItem, and announces them in one PublishBatch", async () => {
    const pages = Array.from({ length: 5 }, () => aPage());
    // the records reach their index writes, and then their notifications, together
    answerTogether(recordPuts(5), indexCalls(3));

    const response = await processRecordMessages(
      pages.map((page, i) => message(`m${i}`, page)),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(count("BatchGetItem")).toBe(1);
    expect(count("GetItem")).toBe(0);
    expect(snsMock.commandCalls(PublishBatchCommand)).toHaveLength(1);
    expect(types().sort()).toEqual(pages.map((page) => `${page.record.id}:record.created`).sort());
  });

  it("stores copies of bytes another record holds as its duplicates from the batch's reads alone, no claim Put bound to fail", async () => {
    const original = aPage();
    await processRecordMessages([message("m0", original)], deps());
    const copies = [aPage(), aPage()].map((copy) => ({
      record: { ...copy.record, source: { ...copy.record.source, sha256: original.record.source.sha256 } },
      version: { ...copy.version, sha256: original.record.source.sha256 },
    }));
    table.requests.length = 0;
    snsMock.resetHistory();

    const response = await processRecordMessages(
      copies.map((copy, i) => message(`c${i}`, copy)),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    // the records and their bytes' claim, then the original's item the claim names (does it hold them?)
    expect(count("BatchGetItem")).toBe(2);
    // per copy: its own record item Put, and no GetItem or claim Put at all
    expect(count("GetItem")).toBe(0);
    expect(count("PutItem")).toBe(2);
    for (const copy of copies) {
      expect(await recordItem(copy.record.id)).toMatchObject({ duplicateOf: original.record.id });
    }
  });

  it("ends right when another writer stores the same version between the batch's read and its write: one record.created", async () => {
    const page = aPage();
    const other = anotherWriterAfterTheBatchRead(page);

    const response = await processRecordMessages([message("m1", page)], deps());

    expect(other.wrote()).toBe(true);
    expect(response.batchItemFailures).toEqual([]);
    expect(other.announced).toEqual(["record.created"]);
    // the batch's create failed its condition, re-read the item, and found the version stored
    expect(count("GetItem")).toBeGreaterThanOrEqual(1);
    expect(published(snsMock).map((entry) => entry.message)).toEqual([
      expect.objectContaining({ type: "record.unchanged", reason: "duplicate" }),
    ]);
  });

  it("ends right when another writer stores an older version between the batch's read and its write: record.updated", async () => {
    const older = aPage("01");
    const newer = {
      record: { ...older.record, body: `${older.record.body}(修订)` },
      version: { ...older.version, sequencer: "02" },
    };
    const other = anotherWriterAfterTheBatchRead(older);

    const response = await processRecordMessages([message("m1", newer)], deps());

    expect(response.batchItemFailures).toEqual([]);
    expect(other.announced).toEqual(["record.created"]);
    expect(types()).toEqual([`${newer.record.id}:record.updated`]);
    expect((await recordItem(newer.record.id)).version.sequencer).toBe("02");
  });

  it("reads a record twice in one batch once; one delivery creates it, the other finds it stored", async () => {
    const page = aPage();
    const keysAsked: number[] = [];
    table.hooks.before = (command, input) => {
      const asked = input.RequestItems as Record<string, { Keys: unknown[] }> | undefined;
      if (command === "BatchGetItemCommand") keysAsked.push(asked?.[table.tableName]?.Keys.length ?? 0);
    };

    const response = await processRecordMessages([message("m1", page), message("m2", page)], deps());

    expect(response.batchItemFailures).toEqual([]);
    // the record item and the claim of its bytes, each asked once
    expect(keysAsked).toEqual([2]);
    expect(types().sort()).toEqual([`${page.record.id}:record.created`, `${page.record.id}:record.unchanged`]);
    const item = await recordItem(page.record.id);
    expect(item).not.toHaveProperty("indexPendingSince");
    expect(item).not.toHaveProperty("pendingNotification");
  });

  it("reads each record's item itself when the BatchGetItem fails, and still stores every record", async () => {
    const pages = Array.from({ length: 3 }, () => aPage());
    table.hooks.before = (command) => {
      if (command === "BatchGetItemCommand") throw new Error("throttled");
    };

    const response = await processRecordMessages(
      pages.map((page, i) => message(`m${i}`, page)),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(count("BatchGetItem")).toBe(1);
    expect(count("GetItem")).toBe(3);
    expect(types().sort()).toEqual(pages.map((page) => `${page.record.id}:record.created`).sort());
  });

  it("fails only the record whose entry SNS refuses; its notification stays owed and its redelivery publishes it", async () => {
    const pages = Array.from({ length: 3 }, () => aPage());
    const refused = pages[1] as (typeof pages)[number];
    acceptPublishes(snsMock, { refuse: (entry) => JSON.parse(entry.Message ?? "").id === refused.record.id });

    const response = await processRecordMessages(
      pages.map((page, i) => message(`m${i}`, page)),
      deps(),
    );

    expect(failedIds(response)).toEqual(["m1"]);
    expect((await recordItem(refused.record.id)).pendingNotification).toBe("record.created");
    expect((await recordItem(pages[0]?.record.id ?? "")).pendingNotification).toBeUndefined();

    snsMock.reset();
    acceptPublishes(snsMock);
    const redelivery = await processRecordMessages([message("m1", refused)], deps());

    expect(redelivery.batchItemFailures).toEqual([]);
    expect(types()).toEqual([`${refused.record.id}:record.created`]);
    expect(await recordItem(refused.record.id)).not.toHaveProperty("pendingNotification");
  });

  it("writes its 5 new records' 55 index items in 3 shared BatchWriteItem calls, not one or more per record", async () => {
    const pages = Array.from({ length: 5 }, () => aPage());
    expect(pages.map((page) => indexItems(page.record).length)).toEqual([11, 11, 11, 11, 11]);
    answerTogether(recordPuts(pages.length));

    const response = await processRecordMessages(
      pages.map((page, i) => message(`m${i}`, page)),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(count("BatchWriteItem")).toBe(3);
    for (const page of pages) {
      expect(await missingIndexItems(page.record)).toEqual([]);
      const item = await recordItem(page.record.id);
      expect(item).not.toHaveProperty("indexPendingSince");
      expect(item).not.toHaveProperty("pendingNotification");
    }
    expect(types().sort()).toEqual(pages.map((page) => `${page.record.id}:record.created`).sort());
  });

  it("fails only the record whose index write fails: its mark released, its notification owed, the others stored", async () => {
    // the two others' 22 requests wait (up to the cap) for nothing else: the failing record's call is its own
    const pages = Array.from({ length: 3 }, () => aPage());
    const failing = pages[1] as (typeof pages)[number];
    let othersWritten!: () => void;
    const othersSent = new Promise<void>((resolve) => {
      othersWritten = resolve;
    });
    table.hooks.before = async (command, input) => {
      // its record item Put waits for the others' index write, so that its own goes in a call of its own
      if (marksIndex(command, input) === failing.record.id) await othersSent;
      if (command !== "BatchWriteItemCommand") return;
      if (JSON.stringify(input).includes(failing.record.id)) throw new Error("throttled past the SDK's retries");
      othersWritten();
    };

    const response = await processRecordMessages(
      pages.map((page, i) => message(`m${i}`, page)),
      deps(),
    );

    expect(failedIds(response)).toEqual(["m1"]);
    const failed = await recordItem(failing.record.id);
    expect(failed.indexPendingSince).toMatch(/\/released$/);
    expect(failed.pendingNotification).toBe("record.created");
    for (const page of pages.filter((page) => page !== failing)) {
      expect(await missingIndexItems(page.record)).toEqual([]);
      expect(await recordItem(page.record.id)).not.toHaveProperty("indexPendingSince");
    }
    expect(types().sort()).toEqual(
      pages
        .filter((page) => page !== failing)
        .map((page) => `${page.record.id}:record.created`)
        .sort(),
    );

    table.hooks.before = undefined;
    snsMock.resetHistory();
    const redelivery = await processRecordMessages([message("m1", failing)], deps());

    expect(redelivery.batchItemFailures).toEqual([]);
    expect(await missingIndexItems(failing.record)).toEqual([]);
    expect(types()).toEqual([`${failing.record.id}:record.created`]);
  });
});
