import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_ITEM_BODY_BYTES } from "../../../shared/config/resources";
import { TransientError } from "../../../shared/errors";
import type { PageVersion } from "../../../shared/events/record-message";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { indexItems } from "../../../shared/storage/index-items";
import type { RecordItem } from "../../../shared/storage/record-item";
import {
  ABANDONED_PENDING_MS,
  type Announce,
  LIVE_MARK_MS,
  type OwedNotification,
  storeRecord,
} from "../../../shared/storage/record-store";
import { RESERVE_MS } from "../../../shared/storage/wait-budget";
import { aMeetingRecord, JINTAN } from "./support/meeting-record";
import {
  acceptWrites,
  aVersion,
  indexWrites,
  inlineRecord,
  lastWrittenItem,
  NOW,
  recordPuts,
  storeHarness,
} from "./support/store-harness";

const { ddbMock, s3Mock, deps } = storeHarness();
let announced: OwedNotification[];
/** Publishes nothing; remembers which notifications the store announced. */
const announce: Announce = async (type) => {
  announced.push(type);
};

beforeEach(() => {
  announced = [];
  ddbMock.reset();
  s3Mock.reset();
  acceptWrites(ddbMock);
});

/** The record item a first, completed write of this record and version leaves in the table. */
async function storedItem(record: MeetingRecord, version: PageVersion, extra: Partial<RecordItem> = {}) {
  ddbMock.on(GetCommand).resolves({});
  s3Mock.on(PutObjectCommand).resolves({});
  await storeRecord(deps, record, version, announce);
  const { indexPendingSince: _, staleIndexKeys: __, pendingNotification: ___, ...completed } = lastWrittenItem(ddbMock);
  announced = [];
  ddbMock.reset();
  s3Mock.reset();
  acceptWrites(ddbMock);
  return { ...completed, ...extra } as RecordItem;
}

const throttled = () => new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} });
const conditionFailed = () => new ConditionalCheckFailedException({ message: "condition failed", $metadata: {} });

/** `chars` pseudo-random CJK characters: text that compresses to no less than about its character count in bytes. */
function incompressible(chars: number): string {
  let state = 2463534242;
  return Array.from({ length: chars }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return String.fromCharCode(0x4e00 + ((state >>> 0) % 20000));
  }).join("");
}

function manyAttendees(count: number) {
  return Array.from({ length: count }, (_, i) => ({ name: `代表${i}`, note: null }));
}

describe("storeRecord", () => {
  it("creates a new record only if the id is new", async () => {
    ddbMock.on(GetCommand).resolves({});

    const result = await storeRecord(deps, aMeetingRecord(), aVersion(), announce);

    expect(result).toMatchObject({ outcome: "created", announced: "record.created" });
    expect(announced).toEqual(["record.created"]);
    expect(recordPuts(ddbMock)[0]?.ConditionExpression).toBe("attribute_not_exists(pk)");
  });

  it("writes the record item first, then its index items, then announces and marks the index complete", async () => {
    ddbMock.on(GetCommand).resolves({});
    const record = aMeetingRecord();

    await storeRecord(deps, record, aVersion(), announce);

    expect(recordPuts(ddbMock)[0]?.Item).toMatchObject({ indexPendingSince: NOW.toISOString(), staleIndexKeys: [] });
    expect(indexWrites(ddbMock).puts).toEqual(indexItems(record));
    expect(ddbMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      UpdateExpression: "REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys, pendingNotification",
      ExpressionAttributeValues: { ":ov": lastWrittenItem(ddbMock).objectVersion },
    });
  });

  it("stores the record JSON, its version and the keys of its index items on the record item", async () => {
    ddbMock.on(GetCommand).resolves({});
    const record = aMeetingRecord();

    await storeRecord(deps, record, aVersion(), announce);

    const item = lastWrittenItem(ddbMock);
    expect(inlineRecord(item)).toEqual(record);
    expect(item).toMatchObject({
      pk: `REC#${record.id}`,
      sk: "RECORD",
      version: { uri: record.source.uri, sequencer: "0055AED6DCD90281E5", parserVersion: "1.0.0" },
      createdAt: NOW.toISOString(),
      pendingNotification: "record.created",
    });
    expect(item.indexKeys).toEqual(indexItems(record).map(({ pk, sk }) => ({ pk, sk })));
  });

  it("treats a duplicate delivery as unchanged and writes nothing", async () => {
    const record = aMeetingRecord();
    const stored = await storedItem(record, aVersion(), { pendingNotification: undefined });
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, record, aVersion(), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
    expect(result.announced).toBeUndefined();
    expect(announced).toEqual([]);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it("announces the created notification from a redelivery when the first delivery wrote but did not publish, under a mark", async () => {
    const record = aMeetingRecord();
    const stored = await storedItem(record, aVersion(), { pendingNotification: "record.created" });
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, record, aVersion(), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate", announced: "record.created" });
    expect(announced).toEqual(["record.created"]);
    expect(recordPuts(ddbMock)[0]).toMatchObject({
      Item: { indexPendingSince: NOW.toISOString() },
      // the owed notification as read, too: a delivery that published it in between clears it
      ConditionExpression:
        "objectVersion = :read AND attribute_not_exists(indexPendingSince) AND pendingNotification = :owed",
    });
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it("never lets an older version of the same object overwrite a newer one", async () => {
    const stored = await storedItem(aMeetingRecord(), aVersion({ sequencer: "02" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, aMeetingRecord({ title: "旧" }), aVersion({ sequencer: "01" }), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "stale" });
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
  });

  it("updates on a newer version, conditional on the version it read and on being newer", async () => {
    const stored = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);

    expect(result).toMatchObject({ outcome: "updated", announced: "record.updated" });
    expect(announced).toEqual(["record.updated"]);
    const put = recordPuts(ddbMock)[0];
    expect(put?.ConditionExpression).toContain("objectVersion = :read");
    expect(put?.ConditionExpression).toContain("objectVersion < :ov");
    expect(put?.ExpressionAttributeValues?.[":read"]).toBe(stored.objectVersion);
    expect(lastWrittenItem(ddbMock).createdAt).toBe(stored.createdAt);
  });

  it("deletes the index items a changed record no longer produces (region moved)", async () => {
    const before = aMeetingRecord();
    const stored = await storedItem(before, aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    await storeRecord(deps, aMeetingRecord({ region: JINTAN }), aVersion({ sequencer: "02" }), announce);

    const { puts, deletes } = indexWrites(ddbMock);
    expect(deletes).toEqual([{ pk: "REGION#320404", sk: `2022-01-26#${before.id}` }]);
    expect(puts.map((item) => item.pk)).toContain("REGION#320482");
  });

  it("re-reads after losing a write race and yields to the newer version that won", async () => {
    const newer = await storedItem(aMeetingRecord(), aVersion({ sequencer: "09" }));
    ddbMock.on(GetCommand).resolvesOnce({}).resolves({ Item: newer });
    ddbMock.on(PutCommand, { Item: { sk: "RECORD" } }).rejects(conditionFailed());

    const result = await storeRecord(deps, aMeetingRecord(), aVersion({ sequencer: "05" }), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "stale" });
    expect(recordPuts(ddbMock)).toHaveLength(1);
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it("re-reads after losing a write race and writes again when it is still the newer version", async () => {
    const older = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolvesOnce({}).resolves({ Item: older });
    ddbMock
      .on(PutCommand, { Item: { sk: "RECORD" } })
      .rejectsOnce(conditionFailed())
      .resolves({});

    const result = await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "05" }), announce);

    expect(result.outcome).toBe("updated");
    expect(recordPuts(ddbMock)).toHaveLength(2);
  });

  it("gives up with a retryable error when it keeps losing races", async () => {
    ddbMock.on(GetCommand).resolves({});
    ddbMock.on(PutCommand).rejects(conditionFailed());

    const error = await storeRecord(deps, aMeetingRecord(), aVersion(), announce).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).settlesWithinMs).toBeUndefined();
  });

  it("lets DynamoDB throttling fail the write so the message is retried", async () => {
    ddbMock.on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));

    await expect(storeRecord(deps, aMeetingRecord(), aVersion(), announce)).rejects.toThrow("slow down");
  });

  it("does not mistake a throttled write for a version race", async () => {
    ddbMock.on(GetCommand).resolves({});
    ddbMock
      .on(PutCommand, { Item: { sk: "RECORD" } })
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));

    await expect(storeRecord(deps, aMeetingRecord(), aVersion(), announce)).rejects.toThrow("slow down");
    expect(recordPuts(ddbMock)).toHaveLength(1);
  });

  it("updates when a newer parser re-parses the same object version", async () => {
    const stored = await storedItem(aMeetingRecord(), aVersion());
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(
      deps,
      aMeetingRecord({ parserVersion: "1.1.0", title: "更好的标题" }),
      aVersion({ parserVersion: "1.1.0" }),
      announce,
    );

    expect(result.outcome).toBe("updated");
  });

  it("records a newer version with identical content as unchanged, rewriting no index items", async () => {
    const record = aMeetingRecord();
    const stored = await storedItem(record, aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, record, aVersion({ sequencer: "02" }), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content" });
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
    expect(lastWrittenItem(ddbMock).objectVersion).not.toBe(stored.objectVersion);
  });

  it("keeps a body too large for the item in the artifacts bucket and a pointer on the item", async () => {
    ddbMock.on(GetCommand).resolves({});
    s3Mock.on(PutObjectCommand).resolves({});
    const record = aMeetingRecord({ body: incompressible(MAX_ITEM_BODY_BYTES) });

    await storeRecord(deps, record, aVersion(), announce);

    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put?.Bucket).toBe("artifacts");
    expect(put?.Key).toMatch(/^records\/rec_0123456789abcdef0123\/[0-9a-f]{32}-[0-9a-f]{16}\.json$/);
    expect(JSON.parse(String(put?.Body))).toEqual(record);
    const item = lastWrittenItem(ddbMock);
    expect(item.recordBrotli).toBeUndefined();
    expect(item.recordPointer).toEqual({ bucket: "artifacts", key: put?.Key });
  });

  it("deletes the previous body object once a newer version points elsewhere", async () => {
    const big = incompressible(MAX_ITEM_BODY_BYTES);
    const stored = await storedItem(aMeetingRecord({ body: big }), aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    await storeRecord(deps, aMeetingRecord({ body: "短" }), aVersion({ sequencer: "02" }), announce);

    expect(s3Mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: "artifacts",
      Key: stored.recordPointer?.key,
    });
  });

  it("keeps the previous body object of the same version: a delivery of that version racing this one may point to it", async () => {
    const record = aMeetingRecord({ body: incompressible(MAX_ITEM_BODY_BYTES) });
    const earlier = { bucket: "artifacts", key: "records/rec_0123456789abcdef0123/earlier.json" };
    // the same version, its notification still owed, its body under another key (say, an earlier release's)
    const stored = await storedItem(record, aVersion(), {
      pendingNotification: "record.created",
      recordPointer: earlier,
    });
    ddbMock.on(GetCommand).resolves({ Item: stored });
    s3Mock.on(PutObjectCommand).resolves({});

    const result = await storeRecord(deps, record, aVersion(), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate", announced: "record.created" });
    expect(recordPuts(ddbMock)[0]?.Item?.recordPointer?.key).not.toBe(earlier.key);
    expect(s3Mock.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it("writes every index item of a meeting with very many people", async () => {
    ddbMock.on(GetCommand).resolves({});
    const record = aMeetingRecord({ meeting: { attendees: manyAttendees(120) } });

    await storeRecord(deps, record, aVersion(), announce);

    expect(ddbMock.commandCalls(BatchWriteCommand).length).toBeGreaterThan(1);
    expect(indexWrites(ddbMock).puts).toHaveLength(indexItems(record).length);
  });

  describe("while another writer's index rewrite is in progress", () => {
    it("waits and re-reads, then writes once the rewrite is done", async () => {
      const busy = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
        indexPendingSince: new Date(NOW.getTime() - 50).toISOString(),
      });
      const { indexPendingSince: _, ...done } = busy;
      ddbMock.on(GetCommand).resolvesOnce({ Item: busy }).resolves({ Item: done });

      const result = await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);

      expect(result.outcome).toBe("updated");
      expect(ddbMock.commandCalls(GetCommand)).toHaveLength(2);
    });

    describe("bounded by the time the invocation has left", () => {
      async function freshlyMarked() {
        const busy = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
          indexPendingSince: new Date(NOW.getTime() - 5_000).toISOString(),
        });
        ddbMock.on(GetCommand).resolves({ Item: busy });
      }
      const newer = () => [aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce] as const;

      it("waits at most two seconds in all for a fresh mark, then fails the record for redelivery", async () => {
        await freshlyMarked();
        const waits: number[] = [];

        await expect(
          storeRecord({ ...deps, sleep: async (ms) => void waits.push(ms) }, ...newer()),
        ).rejects.toBeInstanceOf(TransientError);

        expect(waits.length).toBeGreaterThan(0);
        expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(2_000);
      });

      it("fails at once, without sleeping, when the wait would reach into the last third of the timeout", async () => {
        await freshlyMarked();
        const waits: number[] = [];
        const remainingTimeMs = () => RESERVE_MS + 50;

        await expect(
          storeRecord({ ...deps, remainingTimeMs, sleep: async (ms) => void waits.push(ms) }, ...newer()),
        ).rejects.toThrow(/not waiting into the function timeout/);

        expect(waits).toEqual([]);
      });

      it("starts no work at all with less than the reserve left", async () => {
        await expect(
          storeRecord({ ...deps, remainingTimeMs: () => RESERVE_MS - 1 }, ...newer()),
        ).rejects.toBeInstanceOf(TransientError);

        expect(ddbMock.calls()).toHaveLength(0);
      });

      it("stops backing off on throttled index writes when the time left runs short", async () => {
        ddbMock.on(GetCommand).resolves({});
        ddbMock.on(BatchWriteCommand).callsFake((input) => ({ UnprocessedItems: input.RequestItems }));
        let remaining = RESERVE_MS * 2;
        const remainingTimeMs = () => (remaining -= RESERVE_MS / 4);

        await expect(storeRecord({ ...deps, remainingTimeMs }, ...newer())).rejects.toThrow(
          /index writes unprocessed; not waiting/,
        );
        expect(ddbMock.commandCalls(BatchWriteCommand).length).toBeLessThan(5);
      });
    });

    it("gives up with a retryable error while the rewrite stays fresh", async () => {
      const busy = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
        indexPendingSince: new Date(NOW.getTime() - 5_000).toISOString(),
      });
      ddbMock.on(GetCommand).resolves({ Item: busy });

      const failure = storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);
      const error = await failure.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TransientError);
      // A mark this young is most likely a live writer's: no bound, so the redelivery comes back quickly.
      expect((error as TransientError).settlesWithinMs).toBeUndefined();
      expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
    });

    it("says when a mark older than a live writer holds one may be taken over: its writer may have died", async () => {
      const stale = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
        indexPendingSince: new Date(NOW.getTime() - LIVE_MARK_MS - 5_000).toISOString(),
      });
      ddbMock.on(GetCommand).resolves({ Item: stale });

      const error = await storeRecord(
        deps,
        aMeetingRecord({ title: "新" }),
        aVersion({ sequencer: "02" }),
        announce,
      ).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(TransientError);
      expect((error as TransientError).settlesWithinMs).toBe(ABANDONED_PENDING_MS - LIVE_MARK_MS - 5_000);
    });

    it("takes over an abandoned rewrite, deleting the keys it left to delete", async () => {
      const leftover = { pk: "REGION#110000", sk: "2022-01-26#rec_0123456789abcdef0123" };
      const abandoned = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
        indexPendingSince: new Date(NOW.getTime() - 10 * 60_000).toISOString(),
        staleIndexKeys: [leftover],
      });
      ddbMock.on(GetCommand).resolves({ Item: abandoned });

      await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);

      expect(indexWrites(ddbMock).deletes).toContainEqual(leftover);
    });

    it("finishes an abandoned rewrite when the same version is delivered again, taking the mark over first", async () => {
      const record = aMeetingRecord();
      const leftover = { pk: "REGION#110000", sk: "x" };
      const abandonedSince = new Date(NOW.getTime() - 10 * 60_000).toISOString();
      const interrupted = await storedItem(record, aVersion(), {
        indexPendingSince: abandonedSince,
        staleIndexKeys: [leftover],
      });
      ddbMock.on(GetCommand).resolves({ Item: interrupted });

      const result = await storeRecord(deps, record, aVersion(), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
      expect(indexWrites(ddbMock)).toEqual({ puts: indexItems(record), deletes: [leftover] });
      const takeOver = recordPuts(ddbMock).at(-1);
      expect(takeOver).toMatchObject({
        Item: { indexPendingSince: NOW.toISOString(), objectVersion: interrupted.objectVersion },
        ConditionExpression:
          "objectVersion = :read AND indexPendingSince = :since AND attribute_not_exists(pendingNotification)",
        ExpressionAttributeValues: { ":since": abandonedSince },
      });
      const [clear] = ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
      expect(clear?.ExpressionAttributeValues).toMatchObject({ ":since": takeOver?.Item?.indexPendingSince });
    });

    it("takes over at once a mark its owner released after failing, without waiting for it to age", async () => {
      const record = aMeetingRecord();
      const released = `${NOW.toISOString()}/released`;
      const failed = await storedItem(record, aVersion(), { indexPendingSince: released });
      ddbMock.on(GetCommand).resolves({ Item: failed });

      const result = await storeRecord(deps, record, aVersion(), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
      expect(indexWrites(ddbMock).puts).toEqual(indexItems(record));
      expect(recordPuts(ddbMock).at(-1)?.ExpressionAttributeValues).toMatchObject({ ":since": released });
    });

    it("releases its mark when its index writes fail, so the redelivery need not wait", async () => {
      ddbMock.on(GetCommand).resolves({});
      ddbMock.on(BatchWriteCommand).rejects(throttled());

      await expect(storeRecord(deps, aMeetingRecord(), aVersion(), announce)).rejects.toBeInstanceOf(
        ProvisionedThroughputExceededException,
      );

      const mark = lastWrittenItem(ddbMock).indexPendingSince;
      const [release] = ddbMock.commandCalls(UpdateCommand).map((call) => call.args[0].input);
      expect(release).toMatchObject({
        UpdateExpression: "SET indexPendingSince = :released",
        ExpressionAttributeValues: { ":released": `${mark}/released`, ":since": mark },
      });
    });

    it("counts a published record as done when clearing its mark afterwards fails, rather than failing it for a second publish", async () => {
      ddbMock.on(GetCommand).resolves({});
      ddbMock.on(UpdateCommand).rejects(throttled());
      const published: string[] = [];

      const result = await storeRecord(deps, aMeetingRecord(), aVersion(), async (type) => {
        published.push(type);
      });

      expect(published).toEqual(["record.created"]);
      expect(result).toMatchObject({ outcome: "created", announced: "record.created" });
      expect(ddbMock.commandCalls(UpdateCommand)[0]?.args[0].input.UpdateExpression).toContain("pendingNotification");
    });

    it("reports the publish's own error when the publish fails and clearing the mark fails too", async () => {
      ddbMock.on(GetCommand).resolves({});
      ddbMock.on(UpdateCommand).rejects(throttled());
      const unreachable = new Error("SNS unreachable");

      await expect(
        storeRecord(deps, aMeetingRecord(), aVersion(), async () => {
          throw unreachable;
        }),
      ).rejects.toBe(unreachable);
    });

    it("waits for a fresh rewrite of the same version rather than writing alongside its owner", async () => {
      const record = aMeetingRecord();
      const busy = await storedItem(record, aVersion(), {
        indexPendingSince: new Date(NOW.getTime() - 5_000).toISOString(),
      });
      ddbMock.on(GetCommand).resolves({ Item: busy });

      await expect(storeRecord(deps, record, aVersion(), announce)).rejects.toBeInstanceOf(TransientError);
      expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
      expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(0);
    });

    it("answers a duplicate once the owner has finished the rewrite", async () => {
      const record = aMeetingRecord();
      const busy = await storedItem(record, aVersion(), { indexPendingSince: NOW.toISOString() });
      const { indexPendingSince: _, ...done } = busy;
      ddbMock.on(GetCommand).resolvesOnce({ Item: busy }).resolves({ Item: done });

      const result = await storeRecord(deps, record, aVersion(), announce);

      expect(result).toMatchObject({ outcome: "unchanged", reason: "duplicate" });
      expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
    });

    it("re-reads when another writer takes the abandoned rewrite over first", async () => {
      const record = aMeetingRecord();
      const abandoned = await storedItem(record, aVersion(), {
        indexPendingSince: new Date(NOW.getTime() - 10 * 60_000).toISOString(),
      });
      const takenByOther = { ...abandoned, indexPendingSince: NOW.toISOString() };
      ddbMock.on(GetCommand).resolvesOnce({ Item: abandoned }).resolves({ Item: takenByOther });
      ddbMock.on(PutCommand, { Item: { sk: "RECORD" } }).rejects(conditionFailed());

      await expect(storeRecord(deps, record, aVersion(), announce)).rejects.toBeInstanceOf(TransientError);
      expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
    });

    it("writes a newer version over an abandoned rewrite only if its mark is still the one read", async () => {
      const abandonedSince = new Date(NOW.getTime() - 10 * 60_000).toISOString();
      const abandoned = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }), {
        indexPendingSince: abandonedSince,
      });
      ddbMock.on(GetCommand).resolves({ Item: abandoned });

      await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);

      const put = recordPuts(ddbMock)[0];
      expect(put?.ConditionExpression).toContain("indexPendingSince = :since");
      expect(put?.ExpressionAttributeValues?.[":since"]).toBe(abandonedSince);
    });
  });

  it("writes over a record without a mark only while it still has none", async () => {
    const stored = await storedItem(aMeetingRecord(), aVersion({ sequencer: "01" }));
    ddbMock.on(GetCommand).resolves({ Item: stored });

    await storeRecord(deps, aMeetingRecord({ title: "新" }), aVersion({ sequencer: "02" }), announce);

    expect(recordPuts(ddbMock)[0]?.ConditionExpression).toContain("attribute_not_exists(indexPendingSince)");
  });

  it("clears only the mark it set itself", async () => {
    ddbMock.on(GetCommand).resolves({});

    await storeRecord(deps, aMeetingRecord(), aVersion(), announce);

    expect(ddbMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      ConditionExpression: "objectVersion = :ov AND indexPendingSince = :since",
      ExpressionAttributeValues: { ":since": lastWrittenItem(ddbMock).indexPendingSince },
    });
  });

  it("rewrites the index items of an identical record when the index layout changed", async () => {
    const record = aMeetingRecord();
    const legacyKey = { pk: "LEGACY#320404", sk: `2022-01-26#${record.id}` };
    const stored = await storedItem(record, aVersion({ sequencer: "01" }), {
      indexKeys: [legacyKey],
      indexSha256: "written by an older index layout",
    });
    ddbMock.on(GetCommand).resolves({ Item: stored });

    const result = await storeRecord(deps, record, aVersion({ sequencer: "02" }), announce);

    expect(result).toMatchObject({ outcome: "unchanged", reason: "same-content" });
    expect(indexWrites(ddbMock)).toEqual({ puts: indexItems(record), deletes: [legacyKey] });
  });
});

describe("the outbox (pendingNotification)", () => {
  it("is cleared with the mark once announced, only while the item still holds the version and mark written", async () => {
    ddbMock.on(GetCommand).resolves({});

    await storeRecord(deps, aMeetingRecord(), aVersion(), announce);

    const written = lastWrittenItem(ddbMock);
    expect(ddbMock.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      UpdateExpression: "REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys, pendingNotification",
      ConditionExpression: "objectVersion = :ov AND indexPendingSince = :since",
      ExpressionAttributeValues: { ":ov": written.objectVersion, ":since": written.indexPendingSince },
    });
  });

  it("is left to a newer version written since: the clearing changes nothing, and the announce still counts", async () => {
    ddbMock.on(GetCommand).resolves({});
    ddbMock.on(UpdateCommand).rejects(conditionFailed());

    const result = await storeRecord(deps, aMeetingRecord(), aVersion(), announce);

    expect(result).toMatchObject({ outcome: "created", announced: "record.created" });
    expect(announced).toEqual(["record.created"]);
  });
});
