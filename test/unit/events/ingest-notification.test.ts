import { describe, expect, it } from "vitest";
import { ingestNotificationSchema, pageRejected, recordEvent } from "../../../shared/events/ingest-notification";
import { aMeetingRecord } from "../storage/support/meeting-record";

const at = new Date("2024-05-01T10:00:00.000Z");

describe("recordEvent", () => {
  it("summarises the record: id, title, region code and full name, meeting date, uri", () => {
    expect(recordEvent("record.created", aMeetingRecord(), at)).toEqual({
      type: "record.created",
      id: "rec_0123456789abcdef0123",
      title: "钟楼区政府2022年度第1次常务会议纪要",
      region: { code: "320404", name: "江苏省常州市钟楼区" },
      meetingDate: "2022-01-26",
      uri: "s3://raw-bucket/raw/zhonglou-2022-1.html",
      at: "2024-05-01T10:00:00.000Z",
    });
  });

  it("never carries the body, however large the record", () => {
    const record = aMeetingRecord({ body: "会".repeat(500_000), title: "题".repeat(100_000) });

    expect(Buffer.byteLength(JSON.stringify(recordEvent("record.updated", record, at)))).toBeLessThan(4096);
  });

  it("states why an unchanged record did not change", () => {
    expect(recordEvent("record.unchanged", aMeetingRecord(), at, "stale")).toMatchObject({ reason: "stale" });
  });

  it("matches the published schema", () => {
    expect(ingestNotificationSchema.safeParse(recordEvent("record.created", aMeetingRecord(), at)).success).toBe(true);
  });

  it("names the source object's version it settles (identity fields only), within the same schema", () => {
    const version = {
      uri: "s3://raw-bucket/raw/zhonglou-2022-1.html",
      sequencer: "0055AED6DCD90281E5",
      versionId: null,
      eTag: "d41d8cd98f00b204e9800998ecf8427e",
      eventTime: "2024-05-01T09:59:59.000Z",
      sha256: "a".repeat(64),
      parserVersion: "1.0.0",
    };

    const notification = recordEvent("record.created", aMeetingRecord(), at, undefined, version);

    expect(notification.version).toEqual({
      eventTime: version.eventTime,
      sequencer: version.sequencer,
      eTag: version.eTag,
    });
    expect(ingestNotificationSchema.parse(notification)).toEqual(notification);
  });
});

describe("pageRejected", () => {
  it("names the page, the reason and its size", () => {
    const notification = pageRejected("s3://b/raw/a.html", { code: "too-large", message: "big" }, at, 11);

    expect(notification).toEqual({
      type: "page.rejected",
      uri: "s3://b/raw/a.html",
      reason: { code: "too-large", message: "big" },
      size: 11,
      at: "2024-05-01T10:00:00.000Z",
    });
  });

  it("stays far below the SNS limit whatever the reason says", () => {
    const problems = Array.from({ length: 20_000 }, (_, i) => `people.${i}.name: Too small`).join("; ");

    const notification = pageRejected("s3://b/raw/a.html", { code: "invalid-record", message: problems }, at, 11);

    expect(Buffer.byteLength(JSON.stringify(notification))).toBeLessThan(16 * 1024);
    expect(notification.reason.message.startsWith("people.0.name: Too small")).toBe(true);
  });

  it("omits the size when it is unknown", () => {
    expect(pageRejected("s3://b/k", { code: "bad-key", message: "m" }, at, null)).not.toHaveProperty("size");
  });
});
