import { S3Client } from "@aws-sdk/client-s3";
import { BatchGetCommand, type BatchGetCommandInput, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TransientError } from "../../../shared/errors";
import { claimContent, type KnownClaim } from "../../../shared/storage/content-claim";
import { keys } from "../../../shared/storage/item-keys";
import { prefetchBatch, type RecordPrefetchDeps } from "../../../shared/storage/record-prefetch";
import { storeRecord } from "../../../shared/storage/record-store";
import { dynaliteTable } from "./support/dynalite-table";
import { aMeetingRecord } from "./support/meeting-record";
import { aVersion } from "./support/store-harness";

let table: Awaited<ReturnType<typeof dynaliteTable>>;

beforeAll(async () => {
  table = await dynaliteTable();
});
afterAll(async () => {
  await table?.close();
});
beforeEach(() => {
  table.requests.length = 0;
});

const idOf = (n: number) => `rec_${n.toString(16).padStart(20, "0")}`;

/** Stores record `n` (its own id and bytes) on the table. */
async function stored(n: number) {
  const base = aMeetingRecord({ id: idOf(n) });
  const record = { ...base, source: { ...base.source, sha256: n.toString(16).padStart(64, "f") } };
  await storeRecord(
    {
      ddb: table.ddb,
      s3: new S3Client({ region: "us-east-1" }),
      tableName: table.tableName,
      artifactsBucket: "artifacts",
      now: () => new Date("2024-05-01T12:00:00.000Z"),
    },
    record,
    aVersion({ uri: `s3://raw/raw/p${n}.html`, sha256: record.source.sha256 }),
    async () => {},
  );
  return record;
}

/** A client whose BatchGetItem answers through `answer` (to stand in for DynamoDB throttling keys). */
function batchGetClient(answer: (input: BatchGetCommandInput) => unknown) {
  const calls: BatchGetCommandInput[] = [];
  const ddb = {
    send: async (command: unknown) => {
      if (!(command instanceof BatchGetCommand)) throw new Error("only BatchGetItem expected");
      calls.push(command.input);
      return answer(command.input);
    },
  } as unknown as DynamoDBDocumentClient;
  return { ddb, calls };
}

/** The record items alone, as a batch with no bytes to claim reads them. */
const prefetchRecordItems = async (deps: RecordPrefetchDeps, ids: string[]) =>
  (
    await prefetchBatch(
      deps,
      ids.map((id) => ({ id })),
    )
  ).records;

describe("prefetchBatch, for record items", () => {
  it("reads a batch's record items with consistent BatchGetItem calls of at most 100 keys, each id once", async () => {
    const present = await stored(1);
    await stored(2);
    table.requests.length = 0;
    const ids = [idOf(1), idOf(2), ...Array.from({ length: 148 }, (_, i) => idOf(1000 + i)), idOf(1), idOf(2)];
    const { ddb, calls } = batchGetClient((input) => table.ddb.send(new BatchGetCommand(input)));

    const snapshots = await prefetchRecordItems({ ddb, tableName: table.tableName }, ids);

    expect(calls.map((input) => input.RequestItems?.docket?.Keys?.length)).toEqual([100, 50]);
    expect(calls.every((input) => input.RequestItems?.docket?.ConsistentRead === true)).toBe(true);
    expect(table.requests).toEqual(["BatchGetItem", "BatchGetItem"]);
    expect(snapshots.size).toBe(150);
    expect(snapshots.get(idOf(1))).toMatchObject({ id: present.id, version: { sha256: present.source.sha256 } });
    expect(snapshots.get(idOf(2))).toMatchObject({ id: idOf(2) });
    expect(snapshots.get(idOf(1000))).toBeNull();
  });

  it("asks again for the keys DynamoDB leaves unprocessed, and leaves out those it never reads", async () => {
    await stored(3);
    const stubborn = keys.record(idOf(5));
    let first = true;
    const { ddb, calls } = batchGetClient(async (input) => {
      const asked = input.RequestItems?.docket?.Keys ?? [];
      // The first answer leaves all but one key unprocessed; the key of idOf(5) is never processed.
      const served = first ? asked.slice(0, 1) : asked.filter((key) => key.pk !== stubborn.pk);
      first = false;
      const answer = served.length
        ? await table.ddb.send(
            new BatchGetCommand({ RequestItems: { docket: { Keys: served, ConsistentRead: true } } }),
          )
        : { Responses: { docket: [] } };
      const left = asked.filter((key) => !served.includes(key));
      return { ...answer, UnprocessedKeys: left.length ? { docket: { Keys: left } } : {} };
    });

    const snapshots = await prefetchRecordItems({ ddb, tableName: table.tableName, sleep: async () => {} }, [
      idOf(3),
      idOf(4),
      idOf(5),
    ]);

    expect(calls.length).toBe(4);
    expect(snapshots.get(idOf(3))).toMatchObject({ id: idOf(3) });
    expect(snapshots.get(idOf(4))).toBeNull();
    expect(snapshots.has(idOf(5))).toBe(false);
  });

  it("throws when BatchGetItem fails, so the caller reads per record", async () => {
    const { ddb } = batchGetClient(() => {
      throw new TransientError("throttled");
    });

    await expect(prefetchRecordItems({ ddb, tableName: table.tableName }, [idOf(6)])).rejects.toThrow("throttled");
  });
});

/** A copy of record `n`'s bytes under another id (a reposted page). */
function copyOf(n: number, copy: number) {
  const base = aMeetingRecord({ id: idOf(copy) });
  return { ...base, source: { ...base.source, sha256: n.toString(16).padStart(64, "f") } };
}

const claimDeps = () => ({
  ddb: table.ddb,
  tableName: table.tableName,
  now: () => new Date("2024-05-01T12:00:05.000Z"),
});

/** What a batch holding `copy` reads of its record and bytes. */
const batchRead = (copy: ReturnType<typeof copyOf>) =>
  prefetchBatch({ ddb: table.ddb, tableName: table.tableName }, [{ id: copy.id, sha256: copy.source.sha256 }]);

/** `copy` claims its bytes, given what its batch read of them. */
const claimAsCopy = (copy: ReturnType<typeof copyOf>, known: KnownClaim, deps = claimDeps()) =>
  claimContent(
    deps,
    copy.source.sha256,
    copy.id,
    aVersion({ uri: `s3://raw/raw/${copy.id}.html`, sha256: copy.source.sha256 }),
    known,
  );

describe("prefetchBatch", () => {
  it("reads the content claims of the batch's bytes in the same calls as the record items", async () => {
    const original = await stored(20);
    table.requests.length = 0;

    const { records, claims } = await prefetchBatch({ ddb: table.ddb, tableName: table.tableName }, [
      { id: idOf(21), sha256: original.source.sha256 },
      { id: idOf(22), sha256: "e".repeat(64) },
      { id: idOf(21), sha256: original.source.sha256 },
    ]);

    // the second call reads the item of the record another claim names
    expect(table.requests).toEqual(["BatchGetItem", "BatchGetItem"]);
    expect(records.get(idOf(21))).toBeNull();
    expect(records.get(idOf(22))).toBeNull();
    expect(claims.get(original.source.sha256)).toMatchObject({ recordId: original.id });
    expect(records.get(original.id)).toMatchObject({ version: { sha256: original.source.sha256 } });
    expect(claims.get("e".repeat(64))).toBeNull();
  });

  it("makes one call when no claim names a record outside the batch", async () => {
    table.requests.length = 0;

    await prefetchBatch({ ddb: table.ddb, tableName: table.tableName }, [{ id: idOf(23), sha256: "c".repeat(64) }]);

    expect(table.requests).toEqual(["BatchGetItem"]);
  });
});

describe("claimContent with the claim a batch read", () => {
  it("names the original with no request when the batch read another record's claim and that record holding the bytes", async () => {
    const original = await stored(30);
    const copy = copyOf(30, 31);
    const { claims, records } = await batchRead(copy);
    table.requests.length = 0;

    const result = await claimAsCopy(copy, {
      claim: claims.get(copy.source.sha256) ?? null,
      owner: records.get(original.id),
    });

    expect(result).toEqual({ duplicateOf: original.id });
    // no Put bound to fail on the other record's claim, and no read of the claim or its owner
    expect(table.requests).toEqual([]);
  });

  it("reads the record another claim names when the batch did not, and names it when it holds the bytes", async () => {
    const original = await stored(32);
    const copy = copyOf(32, 33);
    const { claims } = await batchRead(copy);
    table.requests.length = 0;

    const result = await claimAsCopy(copy, { claim: claims.get(copy.source.sha256) ?? null });

    expect(result).toEqual({ duplicateOf: original.id });
    expect(table.requests).toEqual(["GetItem"]);
  });

  it("reads the claim afresh when the record named by the batch's read does not hold the bytes", async () => {
    const original = await stored(40);
    const copy = copyOf(40, 41);
    const { claims } = await batchRead(copy);
    // Since the batch's read, the original was stored with other bytes: its claim no longer counts.
    const changed = { ...original, source: { ...original.source, sha256: "d".repeat(64) } };
    await storeRecord(
      {
        ddb: table.ddb,
        s3: new S3Client({ region: "us-east-1" }),
        tableName: table.tableName,
        artifactsBucket: "artifacts",
        now: () => new Date("2024-05-01T12:00:01.000Z"),
      },
      changed,
      aVersion({ uri: "s3://raw/raw/p40.html", sha256: changed.source.sha256, sequencer: "0055AED6DCD90281F0" }),
      async () => {},
    );
    table.requests.length = 0;

    // the claim as the batch read it; its owner, read now, no longer holds the bytes
    const result = await claimAsCopy(
      copy,
      { claim: claims.get(copy.source.sha256) ?? null },
      { ...claimDeps(), now: () => new Date("2024-06-01T00:00:00.000Z") },
    );

    expect(result).toMatchObject({ duplicateOf: null, held: { recordId: copy.id } });
    expect(table.requests).toEqual(["GetItem", "GetItem", "GetItem", "PutItem"]);
  });

  it("claims with one conditional Put when the batch read no claim, as without a batch", async () => {
    const record = copyOf(50, 50);
    table.requests.length = 0;

    const result = await claimContent(
      claimDeps(),
      record.source.sha256,
      record.id,
      aVersion({ uri: "s3://raw/raw/p50.html", sha256: record.source.sha256 }),
      { claim: null },
    );

    expect(result).toMatchObject({ duplicateOf: null, held: { recordId: record.id } });
    expect(table.requests).toEqual(["PutItem"]);
  });
});
