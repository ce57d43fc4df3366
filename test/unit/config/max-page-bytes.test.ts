import { describe, expect, it } from "vitest";
import { checkMaxPageBytes, DEFAULT_MAX_PAGE_BYTES, PARSER_MAX_PAGE_BYTES } from "../../../shared/config/resources";
import { parsePageConfig } from "../../../shared/ingest/ingest-config";

const ingestEnv = { RECORDS_QUEUE_URL: "q", ARTIFACTS_BUCKET_NAME: "a", INGEST_TOPIC_ARN: "t" };

describe("checkMaxPageBytes", () => {
  it("accepts the default and the parser's ceiling itself", () => {
    expect(checkMaxPageBytes(DEFAULT_MAX_PAGE_BYTES)).toBe(DEFAULT_MAX_PAGE_BYTES);
    expect(checkMaxPageBytes(PARSER_MAX_PAGE_BYTES)).toBe(PARSER_MAX_PAGE_BYTES);
  });

  it("refuses a limit above what the parser accepts, so no page is rejected by a limit nobody configured", () => {
    expect(() => checkMaxPageBytes(PARSER_MAX_PAGE_BYTES + 1)).toThrow(/ceiling/);
  });

  it("refuses zero, negative and fractional limits", () => {
    for (const bytes of [0, -1, 1.5, Number.NaN]) expect(() => checkMaxPageBytes(bytes)).toThrow(RangeError);
  });
});

describe("parsePageConfig", () => {
  it("fails at cold start when MAX_PAGE_BYTES is above the parser's ceiling", () => {
    expect(() => parsePageConfig({ ...ingestEnv, MAX_PAGE_BYTES: String(PARSER_MAX_PAGE_BYTES * 2) })).toThrow(
      /MAX_PAGE_BYTES/,
    );
  });

  it("uses the default when MAX_PAGE_BYTES is unset", () => {
    expect(parsePageConfig(ingestEnv).maxPageBytes).toBe(DEFAULT_MAX_PAGE_BYTES);
  });
});
