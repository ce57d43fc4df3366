import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recoverUnsettledPages } from "../../../infra/local/recover-unsettled-pages";
import { SettledPages } from "../../../infra/local/settled-pages";
import { recordEvent } from "../../../shared/events/ingest-notification";
import { aMeetingRecord } from "../storage/support/meeting-record";
import { aVersion } from "../storage/support/store-harness";

/**
 * The local ledger of settled pages, fed with notifications as the store
 * publishes them: a notification settles the version of the page it names,
 * never a newer one written under the same key.
 */

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "settled-pages-"));
  file = join(dir, "settled-pages.jsonl");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = aMeetingRecord();
const uri = record.source.uri;
const v1 = aVersion({ uri, eventTime: "2024-05-01T10:00:00.000Z", eTag: "e1" });
const v2Written = new Date("2024-05-01T10:00:05.000Z");
/** The notification for v1, published after v2 was written (a slow delivery, then a kill). */
const lateV1 = recordEvent("record.created", record, new Date("2024-05-01T10:00:09.000Z"), undefined, v1);

describe("SettledPages", () => {
  it("does not count a newer version under the same key as settled by the old version's late notification", () => {
    const ledger = new SettledPages(file);

    ledger.record(lateV1);

    expect(ledger.isSettled(uri, v2Written, "e2")).toBe(false);
    expect(ledger.isSettled(uri, new Date(v1.eventTime), "e1")).toBe(true);
  });

  it("matches on the version's time when the listing has no ETag", () => {
    const ledger = new SettledPages(file);

    ledger.record(lateV1);

    expect(ledger.isSettled(uri, v2Written)).toBe(false);
    expect(ledger.isSettled(uri, new Date(v1.eventTime))).toBe(true);
  });

  it("keeps the newest version settled whatever order the notifications arrive in, across a restart", () => {
    const ledger = new SettledPages(file);
    const v2 = aVersion({ uri, eventTime: v2Written.toISOString(), eTag: "e2" });
    ledger.record(recordEvent("record.updated", record, new Date("2024-05-01T10:00:06.000Z"), undefined, v2));

    ledger.record(lateV1);
    const reopened = new SettledPages(file);

    expect(reopened.isSettled(uri, v2Written, "e2")).toBe(true);
    expect(reopened.isSettled(uri, new Date(v1.eventTime), "e1")).toBe(false);
  });

  it("still reads notifications that name no version, by their own time (published before the field existed)", () => {
    const ledger = new SettledPages(file);

    ledger.record(recordEvent("record.created", record, new Date("2024-05-01T10:00:09.000Z")));

    expect(ledger.isSettled(uri, v2Written, "e2")).toBe(true);
    expect(ledger.isSettled(uri, new Date("2024-05-01T10:00:10.000Z"), "e3")).toBe(false);
  });

  it("makes a restart queue again the page rewritten after the version the ledger settled", async () => {
    const s3Mock = mockClient(S3Client);
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [
        { Key: "raw/zhonglou-2022-1.html", ETag: '"e2"', LastModified: v2Written, Size: 10 },
        { Key: "raw/settled.html", ETag: '"s1"', LastModified: new Date(v1.eventTime), Size: 10 },
      ],
    });
    const ledger = new SettledPages(file);
    ledger.record(lateV1);
    const settledUri = "s3://raw-bucket/raw/settled.html";
    ledger.record({ ...lateV1, uri: settledUri, version: { eventTime: v1.eventTime, eTag: "s1" } });
    const announced: string[] = [];

    const recovered = await recoverUnsettledPages({
      s3: new S3Client({ region: "us-east-1" }),
      bucket: "raw-bucket",
      prefix: "raw/",
      ledger,
      announceStored: async (object) => void announced.push(object.key),
    });

    expect(recovered).toBe(1);
    expect(announced).toEqual(["raw/zhonglou-2022-1.html"]);
    s3Mock.restore();
  });

  it("counts nothing for a page it has never seen", () => {
    expect(new SettledPages(file).isSettled("s3://raw/raw/unknown.html", new Date(0), "e")).toBe(false);
  });
});
