import { brotliCompressSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey } from "@aws-sdk/client-s3";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { readRecord } from "../../../shared/storage/record-reader";
import { accessDenied } from "../support/s3-errors";
import { aMeetingRecord } from "./support/meeting-record";
import { jsonBody } from "./support/s3-body";
import { storeHarness } from "./support/store-harness";

const { ddbMock, s3Mock, deps } = storeHarness();
const record = aMeetingRecord();

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
});

describe("readRecord", () => {
  it("returns the record stored inline, compressed", async () => {
    const recordBrotli = brotliCompressSync(Buffer.from(JSON.stringify(record)));
    ddbMock.on(GetCommand).resolves({ Item: { recordBrotli: new Uint8Array(recordBrotli) } });

    expect(await readRecord(deps, record.id)).toEqual(record);
  });

  it("returns a record stored inline as text, before compression, with duplicateOf null", async () => {
    const { duplicateOf: _, ...withoutField } = record;
    ddbMock.on(GetCommand).resolves({ Item: { recordJson: JSON.stringify(withoutField) } });

    expect(await readRecord(deps, record.id)).toEqual({ ...record, duplicateOf: null });
  });

  it("returns null for an id that has no record", async () => {
    ddbMock.on(GetCommand).resolves({});

    expect(await readRecord(deps, "rec_00000000000000000000")).toBeNull();
  });

  it("follows a pointer to a body stored in S3", async () => {
    const pointer = { bucket: "artifacts", key: "records/rec/x.json" };
    ddbMock.on(GetCommand).resolves({ Item: { recordPointer: pointer } });
    s3Mock
      .on(GetObjectCommand, { Bucket: "artifacts", Key: "records/rec/x.json" })
      .resolves({ Body: jsonBody(record) });

    expect(await readRecord(deps, record.id)).toEqual(record);
  });

  // S3 answers a read of the gone body with 404 to a caller allowed to list the bucket, with 403
  // otherwise (AWS, listing limited to a prefix); a 403 is confirmed gone by listing the key.
  it.each([
    ["404 NoSuchKey", () => new NoSuchKey({ message: "gone", $metadata: {} })],
    ["403 AccessDenied and listing finds no such key", accessDenied],
  ])("re-reads the item when the body it pointed to was just replaced (S3: %s)", async (_answer, goneError) => {
    const old = { bucket: "artifacts", key: "records/rec/old.json" };
    const current = { bucket: "artifacts", key: "records/rec/new.json" };
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: { recordPointer: old } })
      .resolves({ Item: { recordPointer: current } });
    s3Mock.on(GetObjectCommand, { Key: old.key }).rejects(goneError());
    s3Mock.on(ListObjectsV2Command, { Prefix: old.key }).resolves({ Contents: [] });
    s3Mock.on(GetObjectCommand, { Key: current.key }).resolves({ Body: jsonBody(record) });

    expect(await readRecord(deps, record.id)).toEqual(record);
  });

  it("throws at once when S3 denies a body that is there: a permission problem, not a race", async () => {
    const pointer = { bucket: "artifacts", key: "records/rec/x.json" };
    ddbMock.on(GetCommand).resolves({ Item: { recordPointer: pointer } });
    s3Mock.on(GetObjectCommand).rejects(accessDenied());
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: pointer.key }] });

    await expect(readRecord(deps, record.id)).rejects.toThrow(
      /S3 denied reading s3:\/\/artifacts\/records\/rec\/x.json/,
    );
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(1);
  });

  it("serves each agenda item's decisionText, null for a record stored before the field existed", async () => {
    const item = { seq: 1, actions: ["审议"], subject: "《方案》", documents: ["方案"], proposedBy: [], text: "" };
    const current = aMeetingRecord({
      meeting: { agenda: [{ ...item, decision: "通过", decisionText: "会议审议通过了《方案》。" }] },
    });
    const stored = JSON.parse(JSON.stringify(current));
    delete stored.meeting.agenda[0].decisionText;

    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: { recordJson: JSON.stringify(current) } })
      .resolvesOnce({ Item: { recordJson: JSON.stringify(stored) } });
    const [fresh, older] = [await readRecord(deps, current.id), await readRecord(deps, current.id)];
    expect([fresh?.meeting?.agenda[0]?.decisionText, older?.meeting?.agenda[0]?.decisionText]).toEqual([
      "会议审议通过了《方案》。",
      null,
    ]);
  });
});
