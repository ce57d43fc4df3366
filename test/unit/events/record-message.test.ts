import { describe, expect, it } from "vitest";
import { MalformedMessageError } from "../../../shared/errors";
import { parseRecordMessage } from "../../../shared/events/record-message";

const version = {
  uri: "s3://raw-bucket/raw/a.html",
  sequencer: "0055AED6DCD90281E5",
  versionId: null,
  eventTime: "2024-05-01T10:00:00.000Z",
  sha256: "a".repeat(64),
  parserVersion: "1.0.0",
};

describe("parseRecordMessage", () => {
  it("accepts a record carried inline", () => {
    const message = parseRecordMessage(JSON.stringify({ record: { id: "rec_1" }, version }));

    expect(message).toEqual({ record: { id: "rec_1" }, version });
  });

  it("accepts a claim-check pointer", () => {
    const pointer = { bucket: "artifacts", key: "claims/records/rec_1/x.json" };

    expect(parseRecordMessage(JSON.stringify({ pointer, version }))).toEqual({ pointer, version });
  });

  it("rejects a message without a version", () => {
    expect(() => parseRecordMessage(JSON.stringify({ record: {} }))).toThrow(MalformedMessageError);
  });

  it("rejects a body that is not JSON", () => {
    expect(() => parseRecordMessage("{")).toThrow(MalformedMessageError);
  });
});
