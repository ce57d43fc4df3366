import { brotliCompressSync, constants as zlib } from "node:zlib";
import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import type { KnownClaim } from "../../../shared/storage/content-claim";
import { MAX_PERSON_ITEMS } from "../../../shared/storage/index-items";
import { keys } from "../../../shared/storage/item-keys";
import type { RecordItem } from "../../../shared/storage/record-item";
import { prefetchBatch } from "../../../shared/storage/record-prefetch";
import { inlineJson, readRecord } from "../../../shared/storage/record-reader";
import {
  ABANDONED_PENDING_MS,
  type Announce,
  type OwedNotification,
  type RecordStoreDeps,
  storeRecord,
} from "../../../shared/storage/record-store";
import { dynaliteTable, lostAnswer } from "./support/dynalite-table";
import { aMeetingRecord } from "./support/meeting-record";
import { jsonBody } from "./support/s3-body";
import { aVersion } from "./support/store-harness";

/**
 * The record store against dynalite rather than a mock: what DynamoDB
 * accepts, what the table holds afterwards, and what the writes cost.
 */

let table: Awaited<ReturnType<typeof dynaliteTable>>;
const s3Mock = mockClient(S3Client);
const bodies = new Map<string, string>();
let deps: RecordStoreDeps;
let clock = Date.parse("2024-05-01T12:00:00.000Z");
/** Publishes nothing: these tests look at the table. */
const announce: Announce = async () => {};

beforeAll(async () => {
  table = await dynaliteTable();
});
afterAll(async () => {
  await table?.close();
});

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).callsFake((input) => {
    bodies.set(input.Key, String(input.Body));
    return {};
  });
  s3Mock.on(GetObjectCommand).callsFake((input) => ({ Body: jsonBody(JSON.parse(bodies.get(input.Key) ?? "null")) }));
  table.writes.length = 0;
  table.hooks.attempt = undefined;
  deps = {
    ddb: table.ddb,
    s3: new S3Client({ region: "us-east-1" }),
    tableName: table.tableName,
    artifactsBucket: "artifacts",
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    sleep: async () => {},
  };
});

function deferredSignal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

type Sent = { input: { Item?: { pk?: string; sk?: string; id?: string } } };
const claimOf = (command: Sent) => (command instanceof PutCommand ? command.input.Item?.pk : undefined);
const recordPut = (command: Sent) =>
  command instanceof PutCommand && command.input.Item?.sk === "RECORD" ? command.input.Item.id : undefined;
const throttling = async () => {
  throw new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} });
};

/**
 * The table's client, stopping the first request that matches: it waits
 * there until go(), or fails with `instead` (say, throttled), once.
 */
function stopAt(matches: (command: Sent) => boolean, instead?: () => Promise<never>) {
  const reached = deferredSignal();
  const proceed = deferredSignal();
  let stopped = false;
  const ddb = {
    send: async (command: Sent) => {
      if (!stopped && matches(command)) {
        stopped = true;
        reached.fire();
        if (instead) await instead();
        await proceed.fired;
      }
      return table.ddb.send(command as never);
    },
  } as unknown as RecordStoreDeps["ddb"];
  return { ddb, reached: reached.fired, go: proceed.fire };
}

/** In a PutItem's JSON: an item with a mark (a condition naming the attribute does not match). */
const MARKED_ITEM = '"indexPendingSince":{"S"';

const reader = () => ({ ...deps, artifactsBucket: "artifacts" });
let n = 0;
function recordWith(overrides: Parameters<typeof aMeetingRecord>[0] & { sha?: string } = {}): MeetingRecord {
  const { sha, ...rest } = overrides;
  n += 1;
  const base = aMeetingRecord(rest);
  return {
    ...base,
    id: `rec_${n.toString(16).padStart(20, "0")}`,
    source: { ...base.source, uri: `s3://raw/raw/${n}.html`, sha256: sha ?? n.toString(16).padStart(64, "0") },
  };
}
const versionOf = (record: MeetingRecord, sequencer = "01") =>
  aVersion({ uri: record.source.uri, sha256: record.source.sha256, sequencer });

describe("storeRecord on a table", () => {
  it("stores a page naming 50,000 people: every name in the record, the first ones indexed, a warning in the record", async () => {
    const crowd = Array.from({ length: 50_000 }, (_, i) => ({ name: `代表${i}`, note: null }));
    const record = recordWith({ people: [], meeting: { attendees: crowd } });

    const result = await storeRecord(deps, record, versionOf(record), announce);

    expect(result.outcome).toBe("created");
    const stored = await readRecord(reader(), record.id);
    expect(stored?.meeting?.attendees).toHaveLength(50_000);
    expect(stored?.warnings.at(-1)).toMatch(/^person index: \d+ names after the first \d+ are not indexed/);
    const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
    expect(head.indexKeys.filter((key) => key.pk.startsWith("PERSON#"))).toHaveLength(MAX_PERSON_ITEMS);
    expect(await table.partition("PERSON#代表0")).toHaveLength(1);
    expect(await table.partition(`PERSON#代表${MAX_PERSON_ITEMS + 10}`)).toHaveLength(0);
  }, 60_000); // ~400 index items and a 2 MB body: slow on a loaded machine, and not a speed test

  it("writes the record item twice for a new record: the marked Put, then one update clearing mark and outbox", async () => {
    const record = recordWith();
    const announced: OwedNotification[] = [];

    await storeRecord(deps, record, versionOf(record), async (type) => {
      announced.push(type);
    });

    const recordWrites = table.writes.filter((write) => write.sk === "RECORD");
    expect(recordWrites.map((write) => write.command)).toEqual(["PutItemCommand", "UpdateItemCommand"]);
    // and its claim on the bytes is one Put: no other single-item write
    expect(table.writes.filter((write) => write.sk !== "RECORD" && write.sk !== undefined)).toEqual([
      expect.objectContaining({ command: "PutItemCommand", sk: "CONTENT" }),
    ]);
    expect(announced).toEqual(["record.created"]);
    const head = (await table.partition(`REC#${record.id}`))[0];
    expect(head).not.toHaveProperty("indexPendingSince");
    expect(head).not.toHaveProperty("pendingNotification");
  });

  it("carries on as the owner when the SDK retries its marked Put after a lost answer whose first attempt landed", async () => {
    const record = recordWith();
    const announced: OwedNotification[] = [];
    const warnings: string[] = [];
    let lost = 0;
    // The request reaches the table, its answer is lost, and the SDK sends it again.
    table.hooks.attempt = async (command, body, send) => {
      if (command === "PutItemCommand" && body.includes(MARKED_ITEM) && lost++ === 0) {
        await send();
        throw lostAnswer();
      }
    };
    const result = await storeRecord(
      { ...deps, warn: (message) => warnings.push(message) },
      record,
      versionOf(record),
      async (type) => {
        announced.push(type);
      },
    );

    expect(lost).toBe(2); // the first attempt, and the retry the table refused on its own item
    expect(result.outcome).toBe("created");
    expect(announced).toEqual(["record.created"]);
    const head = (await table.partition(`REC#${record.id}`))[0];
    expect(head).not.toHaveProperty("indexPendingSince");
    expect(head).not.toHaveProperty("pendingNotification");
    expect(warnings).toEqual([expect.stringContaining("had landed on its first attempt")]);
  });

  it("releases its mark when every attempt's answer is lost, though the first landed, so the next delivery need not wait a minute", async () => {
    const record = recordWith();
    let sent = 0;
    table.hooks.attempt = async (command, body, send) => {
      if (command !== "PutItemCommand" || !body.includes(MARKED_ITEM)) return;
      if (sent++ === 0) await send();
      throw lostAnswer();
    };
    await expect(storeRecord(deps, record, versionOf(record), announce)).rejects.toThrow("the answer never came");
    table.hooks.attempt = undefined;

    expect(sent).toBeGreaterThanOrEqual(2);
    const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
    expect(head.indexPendingSince).toMatch(/\/released$/);
    const announced: OwedNotification[] = [];
    const redelivery = await storeRecord(deps, record, versionOf(record), async (type) => {
      announced.push(type);
    });
    expect(redelivery).toMatchObject({ outcome: "unchanged", reason: "duplicate", announced: "record.created" });
    expect(announced).toEqual(["record.created"]);
  });

  it("treats a retried Put refused on another writer's mark as lost: it waits, and leaves that mark alone", async () => {
    const record = recordWith();
    await storeRecord(deps, record, versionOf(record), announce);
    const newer = { ...record, title: `${record.title}（修订）`, source: { ...record.source, sha256: "e".repeat(64) } };
    const theirs = { indexPendingSince: new Date(clock).toISOString(), indexMarkNonce: "0badc0de" };
    let attempts = 0;
    // The first attempt of the marked Put never arrives; before the SDK's retry, another writer marks the item.
    table.hooks.attempt = async (command, body) => {
      if (command !== "PutItemCommand" || !body.includes(MARKED_ITEM) || body.includes(theirs.indexMarkNonce)) return;
      if (attempts++ > 0) return;
      const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
      await table.ddb.send(
        new PutCommand({ TableName: table.tableName, Item: { ...head, ...theirs, staleIndexKeys: [] } }),
      );
      throw lostAnswer("the request never arrived");
    };
    const warnings: string[] = [];

    await expect(
      storeRecord({ ...deps, warn: (message) => warnings.push(message) }, newer, versionOf(newer, "02"), announce),
    ).rejects.toThrow(/still contended/);

    expect(attempts).toBeGreaterThanOrEqual(2); // the retry was sent, and refused
    expect(warnings).toEqual([]);
    const after = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
    expect(after.indexPendingSince).toBe(theirs.indexPendingSince);
    expect(after.objectVersion).not.toContain("#02");
  });

  it("claims a page's bytes in one write unit, even for a long page address", async () => {
    const base = recordWith();
    const path = encodeURIComponent("金坛区/人民代表大会/常务委员会/会议纪要/".repeat(2));
    const record = { ...base, source: { ...base.source, uri: `s3://raw/raw/${path}.html` } };
    expect(record.source.uri.length).toBeGreaterThan(250);

    await storeRecord(deps, record, versionOf(record), announce);

    expect(table.writes.filter((write) => write.sk === "CONTENT")).toEqual([
      { command: "PutItemCommand", sk: "CONTENT", units: 1 },
    ]);
  });

  describe("duplicates", () => {
    it("marks a record whose bytes another record holds, in the record and on its index items", async () => {
      const first = recordWith({ sha: "d".repeat(64) });
      const copy = recordWith({ sha: "d".repeat(64) });
      await storeRecord(deps, first, versionOf(first), announce);

      const result = await storeRecord(deps, copy, versionOf(copy), announce);

      expect(result.duplicateOf).toBe(first.id);
      expect((await readRecord(reader(), copy.id))?.duplicateOf).toBe(first.id);
      expect((await readRecord(reader(), first.id))?.duplicateOf).toBeNull();
      const listed = await table.partition("LIST#meetings");
      expect(listed.find((item) => item.id === copy.id)?.duplicateOf).toBe(first.id);
      expect(listed.find((item) => item.id === first.id)).not.toHaveProperty("duplicateOf");
    });

    it("never makes a record a duplicate of itself: a redelivery, or a newer version with the same bytes", async () => {
      const record = recordWith({ sha: "e".repeat(64) });
      await storeRecord(deps, record, versionOf(record), announce);

      const again = await storeRecord(deps, record, versionOf(record), announce);
      const reuploaded = await storeRecord(deps, record, versionOf(record, "02"), announce);

      expect(again).toMatchObject({ reason: "duplicate", duplicateOf: null });
      expect(reuploaded).toMatchObject({ outcome: "unchanged", reason: "same-content", duplicateOf: null });
    });

    it("decides one original when the second copy arrives while the first is between its claim and its write", async () => {
      const sha = "9".repeat(64);
      const first = recordWith({ sha });
      const copy = recordWith({ sha });
      const claimed = deferredSignal();
      const proceed = deferredSignal();
      // The first delivery stops just before its record-item write, its claim already made.
      const paused = {
        send: async (command: { input: { Item?: { sk?: string } } }) => {
          if (command instanceof PutCommand && command.input.Item?.sk === "RECORD") {
            claimed.fire();
            await proceed.fired;
          }
          return table.ddb.send(command as never);
        },
      } as unknown as RecordStoreDeps["ddb"];
      const firstRun = storeRecord({ ...deps, ddb: paused }, first, versionOf(first), announce);
      await claimed.fired;

      const second = await storeRecord(deps, copy, versionOf(copy), announce);
      proceed.fire();

      expect((await firstRun).duplicateOf).toBeNull();
      expect(second.duplicateOf).toBe(first.id);
      const originals = (await table.partition("LIST#meetings")).filter(
        (item) => (item.id === first.id || item.id === copy.id) && !item.duplicateOf,
      );
      expect(originals.map((item) => item.id)).toEqual([first.id]);
    });

    it("does not make a later copy a duplicate of a record whose write of the bytes lost to a newer version of itself", async () => {
      const sha = "a".repeat(64);
      const v1 = recordWith({ sha });
      const v2 = { ...v1, source: { ...v1.source, sha256: "b".repeat(64) }, title: "改" };
      // v2 (other bytes) reads first and stops at its claim; v1 claims the shared bytes and stops
      // before its record write; v2 then writes, and v1 finds itself stale.
      const v2AtClaim = stopAt((command) => claimOf(command) === `CONTENT#${"b".repeat(64)}`);
      const v1AtWrite = stopAt((command) => recordPut(command) === v1.id);
      const v2Run = storeRecord({ ...deps, ddb: v2AtClaim.ddb }, v2, versionOf(v2, "02"), announce);
      await v2AtClaim.reached;
      const v1Run = storeRecord({ ...deps, ddb: v1AtWrite.ddb }, v1, versionOf(v1, "01"), announce);
      await v1AtWrite.reached;
      v2AtClaim.go();
      expect((await v2Run).outcome).toBe("created");
      v1AtWrite.go();
      expect(await v1Run).toMatchObject({ outcome: "unchanged", reason: "stale" });
      const copy = recordWith({ sha });

      const result = await storeRecord(deps, copy, versionOf(copy), announce);

      expect(result.duplicateOf).toBeNull();
      expect((await table.partition(`CONTENT#${sha}`))[0]).toMatchObject({ recordId: copy.id });
    });

    it("does not make a later copy a duplicate of a record that claimed the bytes and then failed to write them", async () => {
      const sha = "c".repeat(64);
      const first = recordWith({ sha });
      const throttled = stopAt((command) => recordPut(command) === first.id, throttling);
      await expect(storeRecord({ ...deps, ddb: throttled.ddb }, first, versionOf(first), announce)).rejects.toThrow(
        /slow down/,
      );
      const copy = recordWith({ sha });

      const result = await storeRecord(deps, copy, versionOf(copy), announce);
      const firstAgain = await storeRecord(deps, first, versionOf(first), announce);

      expect(result.duplicateOf).toBeNull();
      expect(firstAgain).toMatchObject({ outcome: "created", duplicateOf: copy.id });
    });

    it("keeps the claim of a failed delivery while another delivery of the same record may still write the bytes", async () => {
      const sha = "7".repeat(64);
      const record = recordWith({ sha });
      const firstAtWrite = stopAt((command) => recordPut(command) === record.id);
      const firstRun = storeRecord({ ...deps, ddb: firstAtWrite.ddb }, record, versionOf(record), announce);
      await firstAtWrite.reached;
      const throttled = stopAt((command) => recordPut(command) === record.id, throttling);
      await expect(storeRecord({ ...deps, ddb: throttled.ddb }, record, versionOf(record), announce)).rejects.toThrow(
        /slow down/,
      );
      const copy = recordWith({ sha });

      const result = await storeRecord(deps, copy, versionOf(copy), announce);
      firstAtWrite.go();

      expect(result.duplicateOf).toBe(record.id);
      expect((await firstRun).duplicateOf).toBeNull();
    });

    it("lets exactly one of five identical pages stored at once be the original", async () => {
      const sha = "8".repeat(64);
      const copies = Array.from({ length: 5 }, () => recordWith({ sha }));

      const results = await Promise.all(copies.map((copy) => storeRecord(deps, copy, versionOf(copy), announce)));

      const originals = results.filter((result) => result.duplicateOf === null);
      expect(originals).toHaveLength(1);
      const original = copies[results.indexOf(originals[0] as (typeof results)[number])]?.id;
      expect(results.filter((result) => result.duplicateOf === original)).toHaveLength(4);
    });

    it("takes over the bytes when their first record has since changed to other bytes", async () => {
      const first = recordWith({ sha: "f".repeat(64) });
      await storeRecord(deps, first, versionOf(first), announce);
      const changed = { ...first, source: { ...first.source, sha256: "1".repeat(64) }, title: "改" };
      await storeRecord(deps, changed, { ...versionOf(changed), sequencer: "02" }, announce);
      const later = recordWith({ sha: "f".repeat(64) });

      const result = await storeRecord(deps, later, versionOf(later), announce);

      expect(result.duplicateOf).toBeNull();
      expect((await table.partition(`CONTENT#${"f".repeat(64)}`))[0]).toMatchObject({ recordId: later.id });
    });

    it("claims the bytes again in one Put when its own failed delivery released them", async () => {
      const sha = "5c".repeat(32);
      const record = recordWith({ sha });
      const throttled = stopAt((command) => recordPut(command) === record.id, throttling);
      await expect(storeRecord({ ...deps, ddb: throttled.ddb }, record, versionOf(record), announce)).rejects.toThrow(
        /slow down/,
      );
      expect((await table.partition(`CONTENT#${sha}`))[0]).toMatchObject({ recordId: record.id, released: true });
      table.requests.length = 0;

      const result = await storeRecord(deps, record, versionOf(record), announce);

      expect(result).toMatchObject({ outcome: "created", duplicateOf: null });
      // the record read, the claim Put (no writer is on its way with the released claim), the record Put
      expect(table.requests.slice(0, 3)).toEqual(["GetItem", "PutItem", "PutItem"]);
      expect((await table.partition(`CONTENT#${sha}`))[0]).not.toHaveProperty("released");
    });

    it("knows its claim Put landed when the SDK retried it after a lost answer: no third Put, and the claim stays releasable", async () => {
      const sha = "6d".repeat(32);
      const record = recordWith({ sha });
      let claimPuts = 0;
      table.hooks.attempt = async (command, body, send) => {
        if (command === "PutItemCommand" && body.includes(`CONTENT#${sha}`) && claimPuts++ === 0) {
          await send();
          throw lostAnswer();
        }
      };
      const throttled = stopAt((command) => recordPut(command) === record.id, throttling);
      await expect(storeRecord({ ...deps, ddb: throttled.ddb }, record, versionOf(record), announce)).rejects.toThrow(
        /slow down/,
      );

      expect(claimPuts).toBe(2); // the first attempt and the SDK's retry, refused on its own claim
      // The failed delivery released its claim: the next copy of the bytes is not made a duplicate of it.
      expect((await table.partition(`CONTENT#${sha}`))[0]).toMatchObject({ recordId: record.id, released: true });
    });

    it("keeps one original when an older delivery of the first record claims its bytes again, then loses to other bytes", async () => {
      const first = recordWith();
      const sha = "2".repeat(64);
      const withBytes = (bytes: string, title: string): MeetingRecord => ({
        ...first,
        title,
        source: { ...first.source, sha256: bytes },
      });
      const shared = withBytes(sha, "S");
      await storeRecord(deps, first, versionOf(first, "01"), announce);
      // Version 05 claims the bytes and stops before its record write.
      const v05 = stopAt((command) => recordPut(command) === first.id);
      const v05Run = storeRecord({ ...deps, ddb: v05.ddb }, shared, versionOf(shared, "05"), announce);
      await v05.reached;
      // Version 03, the same bytes, claims them again and stops before its record write.
      const v03 = stopAt((command) => recordPut(command) === first.id);
      const v03Run = storeRecord({ ...deps, ddb: v03.ddb }, shared, versionOf(shared, "03"), announce);
      await v03.reached;
      // Version 04 (other bytes) is stored: 03 has lost, 05 can still win.
      const other = withBytes("3".repeat(64), "S2");
      await storeRecord(deps, other, versionOf(other, "04"), announce);
      const copy = recordWith({ sha });

      const copyResult = await storeRecord(deps, copy, versionOf(copy), announce);
      v05.go();
      v03.go();

      expect(await v05Run).toMatchObject({ outcome: "updated", duplicateOf: null });
      expect(await v03Run).toMatchObject({ outcome: "unchanged", reason: "stale" });
      expect(copyResult.duplicateOf).toBe(first.id);
      expect((await table.partition(`CONTENT#${sha}`))[0]).toMatchObject({
        recordId: first.id,
        version: { sequencer: "05" },
      });
    });
  });

  it("announces record.created, not record.updated, for a newer version written while the created notice is still owed", async () => {
    const first = recordWith();
    const failing: Announce = async () => {
      throw new Error("SNS unavailable");
    };
    await expect(storeRecord(deps, first, versionOf(first, "01"), failing)).rejects.toThrow(/SNS unavailable/);
    const second = { ...first, title: `${first.title}（修订）`, source: { ...first.source, sha256: "d".repeat(64) } };
    const announced: OwedNotification[] = [];

    const result = await storeRecord(deps, second, versionOf(second, "02"), async (type) => {
      announced.push(type);
    });
    const replayOfFirst = await storeRecord(deps, first, versionOf(first, "01"), async (type) => {
      announced.push(type);
    });

    expect(result.outcome).toBe("updated");
    expect(announced).toEqual(["record.created"]);
    expect(replayOfFirst).toMatchObject({ outcome: "unchanged", reason: "stale" });
  });

  describe("records stored with left-padded sequencers (earlier releases)", () => {
    /** Rewrites a stored record's version strings as releases before the right padding wrote them. */
    async function asLeftPadded(record: MeetingRecord): Promise<void> {
      const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
      const leftPadded = (head.version.sequencer ?? "").toUpperCase().padStart(64, "0");
      const objectParts = head.objectVersion.split("#");
      const eventParts = head.eventVersion.split("#");
      objectParts[1] = leftPadded;
      eventParts[2] = leftPadded;
      await table.ddb.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...head, objectVersion: objectParts.join("#"), eventVersion: eventParts.join("#") },
        }),
      );
    }

    it("orders a new upload of the same key by S3's rule, though the stored strings are left-padded", async () => {
      const first = recordWith();
      await storeRecord(deps, first, versionOf(first, "0062AAAA000000000001"), announce);
      await asLeftPadded(first);
      const second = { ...first, title: `${first.title}（修订）`, source: { ...first.source, sha256: "e".repeat(64) } };

      const replay = await storeRecord(deps, first, versionOf(first, "0062AAAA000000000001"), announce);
      const older = await storeRecord(deps, second, versionOf(second, "0062AAAA000000000000"), announce);
      const newer = await storeRecord(deps, second, versionOf(second, "0062AAAA010000000"), announce);

      expect(replay).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
      expect(older).toMatchObject({ outcome: "unchanged", reason: "stale" });
      expect(newer.outcome).toBe("updated");
      const head = (await table.partition(`REC#${first.id}`))[0] as unknown as RecordItem;
      expect(head.version.sequencer).toBe("0062AAAA010000000");
    });
  });

  describe("records stored before the LIST# partitions (deployed tables)", () => {
    /** Makes a stored record look as it did before LIST# items: none written, none listed, no index hash. */
    async function asBeforeListPartitions(record: MeetingRecord): Promise<void> {
      const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
      const listKeys = head.indexKeys.filter((key) => key.pk.startsWith("LIST#"));
      expect(listKeys.length).toBeGreaterThan(0);
      for (const key of listKeys) await table.ddb.send(new DeleteCommand({ TableName: table.tableName, Key: key }));
      const { indexSha256: _, ...old } = head;
      await table.ddb.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...old, indexKeys: head.indexKeys.filter((key) => !key.pk.startsWith("LIST#")) },
        }),
      );
    }
    const listed = async (id: string) => (await table.partition("LIST#meetings")).some((item) => item.id === id);

    it("gets its missing LIST# items back when the same version is delivered again, as unchanged", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record), announce);
      await asBeforeListPartitions(record);
      expect(await listed(record.id)).toBe(false);

      const result = await storeRecord(deps, record, versionOf(record), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
      expect(await listed(record.id)).toBe(true);
      const head = (await table.partition(`REC#${record.id}`))[0] as unknown as RecordItem;
      expect(head.indexKeys.some((key) => key.pk === "LIST#meetings")).toBe(true);
      expect(head).not.toHaveProperty("indexPendingSince");
    });

    it("gets them back from `docket reprocess` with the same parser (a newer sequencer, identical content)", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record), announce);
      await asBeforeListPartitions(record);

      const result = await storeRecord(deps, record, versionOf(record, "02"), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content" });
      expect(await listed(record.id)).toBe(true);
    });

    it("writes nothing for a redelivery once every index item is in place", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record), announce);
      table.writes.length = 0;

      await storeRecord(deps, record, versionOf(record), announce);

      expect(table.writes).toEqual([]);
    });
  });

  describe("a new version of bytes the record already holds (a page fetched again unchanged)", () => {
    /** What a batch reads before storing (record-prefetch.ts): the record item, and the claim of its bytes. */
    async function batchRead(record: MeetingRecord) {
      const { records, claims } = await prefetchBatch(deps, [{ id: record.id, sha256: record.source.sha256 }]);
      const claim = claims.get(record.source.sha256) ?? null;
      const claimSnapshot: KnownClaim = claim ? { claim, owner: records.get(claim.recordId) } : { claim };
      return { snapshot: records.get(record.id), claimSnapshot };
    }
    const claimItem = async (sha: string) => (await table.partition(keys.content(sha).pk))[0];
    const claimPuts = () => table.writes.filter((write) => write.sk === "CONTENT");
    /** Long after any writer that read the claim before can still be running (ABANDONED_PENDING_MS: twice one's life). */
    const longAfter = () => {
      clock += 3 * ABANDONED_PENDING_MS;
    };

    it("keeps a claim of its own made by the version its item holds, without a Put", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      const claimed = await claimItem(record.source.sha256);
      const read = await batchRead(record);
      table.writes.length = 0;

      const result = await storeRecord(deps, record, versionOf(record, "02"), announce, read);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content", duplicateOf: null });
      expect(claimPuts()).toEqual([]);
      expect(await claimItem(record.source.sha256)).toEqual(claimed);
    });

    it("puts a young claim again when another version made it: a take-over in flight may hold its token", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      await storeRecord(deps, record, versionOf(record, "02"), announce, await batchRead(record));
      const read = await batchRead(record);
      expect(read.claimSnapshot.claim?.version?.sequencer).toBe("01");
      table.writes.length = 0;

      await storeRecord(deps, record, versionOf(record, "03"), announce, read);

      expect(claimPuts()).toHaveLength(1);
    });

    it("keeps a claim made long ago by another version without a Put; a later copy is still its duplicate", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      await storeRecord(deps, record, versionOf(record, "02"), announce, await batchRead(record));
      const claimed = await claimItem(record.source.sha256);
      longAfter();
      const read = await batchRead(record);
      table.writes.length = 0;

      const result = await storeRecord(deps, record, versionOf(record, "03"), announce, read);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content", duplicateOf: null });
      expect(claimPuts()).toEqual([]);
      expect(await claimItem(record.source.sha256)).toEqual(claimed);
      const copy = recordWith({ sha: record.source.sha256 });
      expect((await storeRecord(deps, copy, versionOf(copy), announce)).duplicateOf).toBe(record.id);
    });

    it("puts a young claim of its version again when its item is a duplicate", async () => {
      const original = recordWith();
      await storeRecord(deps, original, versionOf(original), announce);
      const record = recordWith({ sha: original.source.sha256 });
      expect((await storeRecord(deps, record, versionOf(record, "01"), announce)).duplicateOf).toBe(original.id);
      // The original's claim, then taken over by this record's version 01 (its item still marked a duplicate).
      const claim = await claimItem(record.source.sha256);
      await table.ddb.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...claim, recordId: record.id, version: { ...versionOf(record, "01"), sha256: undefined } },
        }),
      );
      const read = await batchRead(record);
      table.writes.length = 0;

      const result = await storeRecord(deps, record, versionOf(record, "02"), announce, read);

      expect(claimPuts()).toHaveLength(1);
      expect(result.duplicateOf).toBeNull();
    });

    it("claims the bytes again when its item as read holds other bytes", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      const changed = { ...record, source: { ...record.source, sha256: "6".repeat(64) }, title: "改" };
      await storeRecord(deps, changed, versionOf(changed, "02"), announce);
      longAfter();
      const read = await batchRead(record);
      table.writes.length = 0;

      const result = await storeRecord(deps, record, versionOf(record, "03"), announce, read);

      expect(result).toMatchObject({ outcome: "updated", duplicateOf: null });
      expect(claimPuts()).toHaveLength(1);
    });

    it("claims the bytes afresh when its write loses to another writer: the claim it kept stood on the item it read", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      longAfter();
      const read = await batchRead(record);
      // Since the batch read: another writer stored other bytes, so the kept claim no longer stands.
      const changed = { ...record, source: { ...record.source, sha256: "5".repeat(64) }, title: "改" };
      await storeRecord(deps, changed, versionOf(changed, "02"), announce);
      table.writes.length = 0;

      const result = await storeRecord(deps, record, versionOf(record, "03"), announce, read);

      expect(result).toMatchObject({ outcome: "updated", duplicateOf: null });
      expect(claimPuts()).toHaveLength(1);
      expect((await claimItem(record.source.sha256))?.version).toMatchObject({ sequencer: "03" });
    });
  });

  describe("the record body", () => {
    const storedItem = async (id: string) => (await table.partition(`REC#${id}`))[0] as unknown as RecordItem;
    const setBody = (id: string, recordBrotli: Uint8Array) =>
      table.ddb.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.record(id),
          UpdateExpression: "SET recordBrotli = :body",
          ExpressionAttributeValues: { ":body": recordBrotli },
        }),
      );
    const compressed = (json: string, quality: number) =>
      brotliCompressSync(Buffer.from(json), { params: { [zlib.BROTLI_PARAM_QUALITY]: quality } });

    it("is the stored item's own when it holds the same JSON: a re-upload with the same content compresses nothing", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      const json = inlineJson(await storedItem(record.id)) ?? "";
      // other bytes for the same JSON than the store's quality 5 makes
      const held = compressed(json, 11);
      expect(Buffer.compare(held, (await storedItem(record.id)).recordBrotli ?? new Uint8Array())).not.toBe(0);
      await setBody(record.id, held);

      const result = await storeRecord(deps, record, versionOf(record, "02"), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content" });
      const item = await storedItem(record.id);
      expect(item.version.sequencer).toBe("02");
      expect(Buffer.from(item.recordBrotli ?? []).equals(held)).toBe(true);
    });

    it("is the JSON of the decision a retry writes: a delivery that finds its version stored as an original is no duplicate", async () => {
      const original = recordWith();
      await storeRecord(deps, original, versionOf(original), announce);
      const record = recordWith({ sha: original.source.sha256 });
      // A decides: a duplicate of the original, which holds the bytes; it stops before its write.
      const aAtWrite = stopAt((command) => recordPut(command) === record.id);
      const aRun = storeRecord({ ...deps, ddb: aAtWrite.ddb }, record, versionOf(record), announce);
      await aAtWrite.reached;
      // The original changes to other bytes; B, the same version again, takes the bytes over and
      // writes, leaving its notification owed.
      const changed = { ...original, source: { ...original.source, sha256: "4".repeat(64) }, title: "改" };
      await storeRecord(deps, changed, versionOf(changed, "02"), announce);
      await expect(
        storeRecord(deps, record, versionOf(record), async () => {
          throw new Error("SNS unavailable");
        }),
      ).rejects.toThrow("SNS unavailable");
      aAtWrite.go();

      // A's create fails; its retry finishes B's version, an original, and writes its body.
      expect(await aRun).toMatchObject({ outcome: "unchanged", reason: "duplicate", duplicateOf: null });
      expect(await readRecord(reader(), record.id)).toEqual({ ...record, duplicateOf: null });
    });

    it("is compressed afresh when the stored body is not the record's JSON, whatever its recordSha256 says", async () => {
      const record = recordWith();
      await storeRecord(deps, record, versionOf(record, "01"), announce);
      const json = inlineJson(await storedItem(record.id)) ?? "";
      await setBody(record.id, compressed(json.replace(record.title ?? "", "别的标题"), 5));

      await storeRecord(deps, record, versionOf(record, "02"), announce);

      expect(await readRecord(reader(), record.id)).toEqual({ ...record, duplicateOf: null });
    });

    it("is the JSON of the decision the item holds when a slower delivery of its version decided otherwise", async () => {
      const { randomBytes } = await import("node:crypto");
      const original = recordWith();
      await storeRecord(deps, original, versionOf(original), announce);
      // Big and incompressible: the body goes to S3.
      const record = recordWith({ sha: original.source.sha256, title: randomBytes(400_000).toString("base64") });
      // D1 decides: a duplicate of the original; its S3 Put is slow to land.
      const gate = deferredSignal();
      const reachedS3 = deferredSignal();
      const slowS3 = {
        send: async (command: unknown) => {
          reachedS3.fire();
          await gate.fired;
          return deps.s3.send(command as never);
        },
      } as unknown as RecordStoreDeps["s3"];
      const d1 = storeRecord({ ...deps, s3: slowS3 }, record, versionOf(record), announce);
      await reachedS3.fired;
      // The original moves to other bytes; D2, the same version again, takes the bytes over and finishes.
      const changed = { ...original, source: { ...original.source, sha256: "4b".repeat(32) }, title: "改" };
      await storeRecord(deps, changed, versionOf(changed, "02"), announce);
      expect((await storeRecord(deps, record, versionOf(record), announce)).duplicateOf).toBeNull();

      gate.fire();
      await d1;

      const item = await storedItem(record.id);
      expect(item.recordPointer).toBeDefined();
      expect(item.duplicateOf).toBeUndefined();
      expect((await readRecord(reader(), record.id))?.duplicateOf).toBeNull();
    });
  });
});
