import { describe, expect, it } from "vitest";
import { recordId } from "../../../shared/record/record-id";

describe("recordId", () => {
  it("is rec_ followed by 20 hex digits", () => {
    expect(recordId({ uri: "s3://b/raw/a.html" })).toMatch(/^rec_[0-9a-f]{20}$/);
  });

  it("uses the disclosure index number before the URL and the S3 URI", () => {
    const byIndex = recordId({ indexNumber: "014119467/2022-00235", url: "https://x/1", uri: "s3://b/raw/1" });
    expect(byIndex).toBe(recordId({ indexNumber: "014119467/2022-00235", uri: "s3://other/raw/2" }));
  });

  it("uses the original URL when there is no index number, so a page re-uploaded under another key keeps its id", () => {
    expect(recordId({ url: "https://x/1", uri: "s3://b/raw/1" })).toBe(
      recordId({ url: "https://x/1", uri: "s3://b/raw/2" }),
    );
  });

  it("falls back to the S3 URI, so two pages with nothing else in common get two ids", () => {
    expect(recordId({ uri: "s3://b/raw/1" })).not.toBe(recordId({ uri: "s3://b/raw/2" }));
  });

  it("treats an empty index number as absent", () => {
    expect(recordId({ indexNumber: "  ", uri: "s3://b/raw/1" })).toBe(recordId({ uri: "s3://b/raw/1" }));
  });
});
