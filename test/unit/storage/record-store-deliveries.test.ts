import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TransientError } from "../../../shared/errors";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { keys } from "../../../shared/storage/item-keys";
import type { RecordItem } from "../../../shared/storage/record-item";
import {
  ABANDONED_PENDING_MS,
  type Announce,
  type OwedNotification,
  type RecordStoreDeps,
  storeRecord,
} from "../../../shared/storage/record-store";
import { dynaliteTable } from "./support/dynalite-table";
import { aMeetingRecord } from "./support/meeting-record";
import { aVersion } from "./support/store-harness";

/**
 * At-least-once deliveries of one record message, interleaved step by step
 * against dynalite: whatever the order, each version is announced once.
 * The interleavings are driven by the store's own seams (the announce
 * callback, the wait between re-reads), held open with deferred promises.
 */

let table: Awaited<ReturnType<typeof dynaliteTable>>;
let clock: number;
let published: OwedNotification[];

beforeAll(async () => {
  table = await dynaliteTable();
});
afterAll(async () => {
  await table?.close();
});
beforeEach(() => {
  clock = Date.parse("2024-05-01T12:00:00.000Z");
  published = [];
});

function deps(sleep: (ms: number) => Promise<void> = async () => {}): RecordStoreDeps {
  return {
    ddb: table.ddb,
    s3: new S3Client({ region: "us-east-1" }),
    tableName: table.tableName,
    artifactsBucket: "artifacts",
    now: () => new Date(clock),
    sleep,
  };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Publishes (records) the notification. */
const announce: Announce = async (type) => {
  published.push(type);
};

/** An announce that signals when it is reached, then publishes only once released. */
function heldAnnounce() {
  const reached = deferred();
  const release = deferred();
  const held: Announce = async (type, stored) => {
    reached.resolve();
    await release.promise;
    await announce(type, stored);
  };
  return { held, reached: reached.promise, release: () => release.resolve() };
}

let n = 0;
function aRecord(): MeetingRecord {
  n += 1;
  const base = aMeetingRecord();
  return {
    ...base,
    id: `rec_${n.toString(16).padStart(20, "0")}`,
    source: { ...base.source, uri: `s3://raw/raw/d${n}.html`, sha256: n.toString(16).padStart(64, "0") },
  };
}
const versionOf = (record: MeetingRecord, sequencer = "01") =>
  aVersion({ uri: record.source.uri, sha256: record.source.sha256, sequencer });

async function recordItem(id: string): Promise<RecordItem> {
  return (await table.partition(`REC#${id}`))[0] as unknown as RecordItem;
}

describe("two deliveries of one record message", () => {
  it("announces record.created once when the redelivery arrives while the first is still publishing", async () => {
    const record = aRecord();
    const first = heldAnnounce();
    const slow = storeRecord(deps(), record, versionOf(record), first.held);
    await first.reached;

    // The redelivery finds the first's mark; while it waits, the first finishes.
    const redelivery = await storeRecord(
      deps(async () => {
        first.release();
        await slow;
      }),
      record,
      versionOf(record),
      announce,
    );

    expect(await slow).toMatchObject({ outcome: "created", announced: "record.created" });
    expect(redelivery).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
    expect(redelivery).not.toHaveProperty("announced");
    expect(published).toEqual(["record.created"]);
  });

  it("fails the redelivery fast, publishing nothing, while the first still holds the record", async () => {
    const record = aRecord();
    const first = heldAnnounce();
    const slow = storeRecord(deps(), record, versionOf(record), first.held);
    await first.reached;

    await expect(storeRecord(deps(), record, versionOf(record), announce)).rejects.toBeInstanceOf(TransientError);
    first.release();
    await slow;

    expect(published).toEqual(["record.created"]);
  });

  it("announces once when two redeliveries both find the notification still owed after a failed publish", async () => {
    const record = aRecord();
    await expect(
      storeRecord(deps(), record, versionOf(record), async () => {
        throw new Error("SNS unavailable");
      }),
    ).rejects.toThrow("SNS unavailable");
    expect((await recordItem(record.id)).pendingNotification).toBe("record.created");

    const second = heldAnnounce();
    const secondRun = storeRecord(deps(), record, versionOf(record), second.held);
    await second.reached;
    const third = await storeRecord(
      deps(async () => {
        second.release();
        await secondRun;
      }),
      record,
      versionOf(record),
      announce,
    );

    expect(await secondRun).toMatchObject({ outcome: "unchanged", reason: "duplicate", announced: "record.created" });
    expect(third).not.toHaveProperty("announced");
    expect(published).toEqual(["record.created"]);
    expect(await recordItem(record.id)).not.toHaveProperty("pendingNotification");
  });

  it("announces once when the writer died between the write and the notify, and the redelivery takes over", async () => {
    const record = aRecord();
    const dead = heldAnnounce(); // never released: the process is gone
    void storeRecord(deps(), record, versionOf(record), dead.held);
    await dead.reached;

    await expect(storeRecord(deps(), record, versionOf(record), announce)).rejects.toBeInstanceOf(TransientError);
    clock += ABANDONED_PENDING_MS;
    const redelivery = await storeRecord(deps(), record, versionOf(record), announce);

    expect(redelivery).toMatchObject({ outcome: "unchanged", reason: "duplicate", announced: "record.created" });
    expect(published).toEqual(["record.created"]);
    const item = await recordItem(record.id);
    expect(item).not.toHaveProperty("indexPendingSince");
    expect(item).not.toHaveProperty("pendingNotification");
  });

  it("announces record.updated once for a change that leaves the index as it was, delivered twice at once", async () => {
    const record = aRecord();
    await storeRecord(deps(), record, versionOf(record), announce);
    const changed = { ...record, body: `${record.body}(修订)` };
    const first = heldAnnounce();
    const slow = storeRecord(deps(), changed, versionOf(changed, "02"), first.held);
    await first.reached;

    await storeRecord(
      deps(async () => {
        first.release();
        await slow;
      }),
      changed,
      versionOf(changed, "02"),
      announce,
    );
    first.release();
    await slow;

    expect(published).toEqual(["record.created", "record.updated"]);
  });
});

describe("a notification left owed by a failed publish", () => {
  it("is published once when a delivery that read it owed writes after another delivery published it", async () => {
    const record = aRecord();
    await expect(
      storeRecord(deps(), record, versionOf(record), async () => {
        throw new Error("SNS unavailable");
      }),
    ).rejects.toThrow("SNS unavailable");
    const read = await recordItem(record.id);
    expect(read.pendingNotification).toBe("record.created");

    // One redelivery publishes it; another, which read the item before that, writes after it.
    await storeRecord(deps(), record, versionOf(record), announce);
    const late = await storeRecord(deps(), record, versionOf(record), announce, { snapshot: read });

    expect(published).toEqual(["record.created"]);
    expect(late).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
    expect(late).not.toHaveProperty("announced");
  });
});

describe("a delivery deciding its first attempt on its batch's snapshot of the record item", () => {
  it("re-reads when the snapshot said no record but another delivery has since written it, and waits out its mark", async () => {
    const record = aRecord();
    const first = heldAnnounce();
    const slow = storeRecord(deps(), record, versionOf(record), first.held);
    await first.reached;

    // The snapshot predates the first delivery's write: the create fails, the re-read finds the mark.
    table.requests.length = 0;
    const late = await storeRecord(
      deps(async () => {
        first.release();
        await slow;
      }),
      record,
      versionOf(record),
      announce,
      { snapshot: null },
    );

    expect(await slow).toMatchObject({ outcome: "created", announced: "record.created" });
    expect(late).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
    expect(published).toEqual(["record.created"]);
    // the claim (the first delivery's is in flight: refused, read, Put over on its token), then
    // the create the snapshot allowed (it failed), and only then a read of the record
    expect(table.requests.slice(0, 5)).toEqual(["PutItem", "GetItem", "PutItem", "PutItem", "GetItem"]);
  });

  it("waits for the mark the snapshot shows, then reads afresh: the version is announced once", async () => {
    const record = aRecord();
    const first = heldAnnounce();
    const slow = storeRecord(deps(), record, versionOf(record), first.held);
    await first.reached;
    const snapshot = await recordItem(record.id);
    expect(snapshot.indexPendingSince).toBeDefined();
    table.requests.length = 0;

    const waits: number[] = [];
    const second = await storeRecord(
      deps(async (ms) => {
        waits.push(ms);
        first.release();
        await slow;
      }),
      record,
      versionOf(record),
      announce,
      { snapshot },
    );

    expect(waits).toHaveLength(1);
    // one read, after the wait: the snapshot stood in for the first
    expect(table.requests.filter((request) => request === "GetItem")).toHaveLength(1);
    expect(second).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
    expect(second).not.toHaveProperty("announced");
    expect(published).toEqual(["record.created"]);
  });

  it("reports a version older than the snapshot's as stale, with no request at all", async () => {
    const record = aRecord();
    await storeRecord(deps(), record, versionOf(record, "02"), announce);
    const snapshot = await recordItem(record.id);
    table.requests.length = 0;

    const older = await storeRecord(deps(), record, versionOf(record, "01"), announce, { snapshot });

    expect(older).toMatchObject({ outcome: "unchanged", reason: "stale" });
    expect(table.requests).toEqual([]);
  });

  it("claims its bytes afresh after waiting on a mark, not on the batch's read of their claim", async () => {
    const original = aRecord();
    await storeRecord(deps(), original, versionOf(original), announce);
    const record = aRecord();
    const first = heldAnnounce();
    const slow = storeRecord(deps(), record, versionOf(record), first.held);
    await first.reached;
    const snapshot = await recordItem(record.id);
    // The batch's read of the claim of the original's bytes, since outdated: it named another record.
    const outdated = { ...(await recordItem(original.id)), id: "rec_outdated" };
    const claimSnapshot = {
      claim: { ...keys.content(original.source.sha256), recordId: "rec_outdated" },
      owner: outdated,
    };
    const copy = { ...record, source: { ...record.source, sha256: original.source.sha256 } };

    const second = await storeRecord(
      deps(async () => {
        first.release();
        await slow;
      }),
      copy,
      versionOf(copy, "02"),
      announce,
      { snapshot, claimSnapshot },
    );

    expect(second).toMatchObject({ outcome: "updated", duplicateOf: original.id });
  });
});
