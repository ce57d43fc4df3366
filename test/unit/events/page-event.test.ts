import { describe, expect, it } from "vitest";
import { MalformedMessageError } from "../../../shared/errors";
import { decodeS3Key, parsePageEventMessage, parseS3Uri, s3Uri } from "../../../shared/events/page-event";

function s3Event(object: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Records: [
      {
        eventName: "ObjectCreated:Put",
        eventTime: "2024-05-01T10:00:00.123Z",
        s3: {
          bucket: { name: "raw-bucket" },
          object: { size: 100, eTag: "e", sequencer: "0055AED6DCD90281E5", ...object },
        },
        ...extra,
      },
    ],
  });
}

describe("parsePageEventMessage", () => {
  it("decodes keys URL-encoded with + for spaces", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/%E9%92%9F%E6%A5%BC+2022+1.html" }));

    expect(message).toMatchObject({
      kind: "entries",
      entries: [{ kind: "page", event: { key: "raw/钟楼 2022 1.html" } }],
    });
  });

  it("keeps a literal plus that S3 encoded as %2B", () => {
    expect(decodeS3Key("raw/a%2Bb.html")).toBe("raw/a+b.html");
  });

  it("names the page by its s3:// uri and carries the event's version facts", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/a.html", versionId: "v1" }));

    expect(message).toEqual({
      kind: "entries",
      entries: [
        {
          kind: "page",
          event: {
            bucket: "raw-bucket",
            key: "raw/a.html",
            uri: "s3://raw-bucket/raw/a.html",
            size: 100,
            eTag: "e",
            sequencer: "0055AED6DCD90281E5",
            versionId: "v1",
            eventTime: "2024-05-01T10:00:00.123Z",
            eventName: "ObjectCreated:Put",
          },
        },
      ],
    });
  });

  it("turns a truncated escape (%E9%8) into a bad-key entry instead of throwing", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/%E9%8.html" }));

    expect(message).toMatchObject({
      kind: "entries",
      entries: [{ kind: "bad-key", uri: "s3://raw-bucket/raw/%E9%8.html", rawKey: "raw/%E9%8.html" }],
    });
  });

  it("recognises the S3 test event", () => {
    const body = JSON.stringify({
      Service: "Amazon S3",
      Event: "s3:TestEvent",
      Time: "2024-05-01T10:00:00Z",
      Bucket: "b",
    });

    expect(parsePageEventMessage(body)).toEqual({ kind: "test-event" });
  });

  it("ignores events that are not object creations", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/a.html" }, { eventName: "ObjectRemoved:Delete" }));

    expect(message).toMatchObject({ entries: [{ kind: "ignored", eventName: "ObjectRemoved:Delete" }] });
  });

  it("normalises the event time to ISO with milliseconds, so times compare as strings", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/a.html" }, { eventTime: "2024-05-01T10:00:00Z" }));

    expect(message).toMatchObject({ entries: [{ event: { eventTime: "2024-05-01T10:00:00.000Z" } }] });
  });

  it("gives an event without a time the epoch, so any timed event is newer", () => {
    const message = parsePageEventMessage(s3Event({ key: "raw/a.html" }, { eventTime: undefined }));

    expect(message).toMatchObject({ entries: [{ event: { eventTime: "1970-01-01T00:00:00.000Z" } }] });
  });

  it("rejects a body that is not JSON as malformed", () => {
    expect(() => parsePageEventMessage("not json")).toThrow(MalformedMessageError);
  });

  it("rejects JSON that is not an S3 event as malformed", () => {
    expect(() => parsePageEventMessage(JSON.stringify({ hello: "world" }))).toThrow(MalformedMessageError);
  });

  it("rejects an S3 record without an object key as malformed", () => {
    const body = JSON.stringify({ Records: [{ s3: { bucket: { name: "b" }, object: {} } }] });

    expect(() => parsePageEventMessage(body)).toThrow(MalformedMessageError);
  });
});

describe("parseS3Uri", () => {
  it("splits s3://bucket/key at the first slash, so the key keeps its own slashes, spaces and CJK", () => {
    expect(parseS3Uri("s3://raw-bucket/raw/区 县/a#b?.html")).toEqual({
      bucket: "raw-bucket",
      key: "raw/区 县/a#b?.html",
    });
    expect(parseS3Uri(s3Uri("raw", "raw/x.txt"))).toEqual({ bucket: "raw", key: "raw/x.txt" });
  });

  it.each(["https://example.gov.cn/a.html", "s3://bucket-only", "s3://bucket/", "s3:///key"])(
    "names no object in %s",
    (uri) => {
      expect(parseS3Uri(uri)).toBeNull();
    },
  );
});
