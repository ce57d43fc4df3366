import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PARSER_MAX_PAGE_BYTES } from "../../../shared/config/resources";
import { MAX_NESTING_DEPTH } from "../../../shared/parse/html-document";
import { parsePage } from "../../../shared/parse/parse-page";
import { PARSER_VERSION } from "../../../shared/parse/parser-version";
import { recordId } from "../../../shared/record/record-id";
import { meetingRecordSchema } from "../../../shared/record/record-schema";

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
const MINUTES = fixture("pages/seed-000_a669a8a67ac3bc30/page.txt");
const NEWS = fixture("pages/html-gsc-1/page.html");
const CANONICAL = fixture("pages/html-ifeng-1/page.html");
const S3 = "s3://docket-raw/pages/a.html";

function record(bytes: Uint8Array, input: { uri: string; url?: string; contentType?: string } = { uri: S3 }) {
  const outcome = parsePage(bytes, input);
  if (!outcome.ok) throw new Error(`rejected: ${outcome.rejection.code} ${outcome.rejection.message}`);
  return outcome.record;
}

describe("parsePage", () => {
  it("builds a record that satisfies the schema", () => {
    expect(meetingRecordSchema.safeParse(record(MINUTES)).success).toBe(true);
  });

  it("stamps the schema and parser versions", () => {
    expect(record(MINUTES)).toMatchObject({ schemaVersion: 1, parserVersion: PARSER_VERSION });
  });

  it("identifies a page by its disclosure index number when it has one", () => {
    expect(record(MINUTES, { uri: S3, url: "https://example.gov.cn/a" }).id).toBe(
      recordId({ indexNumber: "014119467/2022-00235", uri: S3 }),
    );
  });

  it("identifies a page by the given original URL when it has no index number", () => {
    expect(record(NEWS, { uri: S3, url: "https://www.gsc.org.cn/a" }).id).toBe(
      recordId({ url: "https://www.gsc.org.cn/a", uri: S3 }),
    );
  });

  it("identifies a page by the URL it states (og:url) when none is given", () => {
    const r = record(CANONICAL);
    expect([r.source.url, r.id]).toEqual([
      "https://news.ifeng.com/c/7rtKNyg6PU9",
      recordId({ url: "https://news.ifeng.com/c/7rtKNyg6PU9", uri: S3 }),
    ]);
  });

  it("identifies a page by its S3 URI when nothing else names it", () => {
    expect(record(NEWS).id).toBe(recordId({ uri: S3 }));
  });

  it("records the SHA-256 of the raw bytes", () => {
    expect(record(NEWS).source.sha256).toBe(createHash("sha256").update(NEWS).digest("hex"));
  });

  it("joins the body lines with newlines", () => {
    expect(record(NEWS).body.split("\n")[0]).toMatch(/^5月10-12日,2019年中国人文地理学术年会/);
  });

  it("takes publishedDate from the disclosure block when the page has no date line", () => {
    expect(record(MINUTES).publishedDate).toBe("2022-01-28");
  });

  it("carries page-stage warnings into the record", () => {
    expect(record(fixture("pages/html-people-1/page.html")).warnings).toContainEqual(
      expect.stringContaining("declares gb2312"),
    );
  });

  it("rejects a page over the size limit as too-large without reading it", () => {
    const outcome = parsePage(new Uint8Array(PARSER_MAX_PAGE_BYTES + 1), { uri: S3 });
    expect(outcome).toMatchObject({ ok: false, rejection: { code: "too-large" } });
  });

  it("rejects an empty page", () => {
    expect(parsePage(new Uint8Array(), { uri: S3 })).toMatchObject({ ok: false, rejection: { code: "empty" } });
  });

  it("rejects an HTML page without visible text as empty", () => {
    const bytes = new TextEncoder().encode("<html><head><script>var a=1</script></head><body> </body></html>");
    expect(parsePage(bytes, { uri: S3 })).toMatchObject({ ok: false, rejection: { code: "empty" } });
  });

  it("reads a page nested past the DOM's limit as text with its tags stripped, and says so", () => {
    const deep = `<html><body>${"<div>".repeat(MAX_NESTING_DEPTH)}<p>会议纪要</p><p>出席:王明</p></body></html>`;
    const read = record(new TextEncoder().encode(deep));
    expect(read.body).toContain("出席:王明");
    expect(read.body).not.toContain("<");
    expect(read.warnings).toContainEqual(expect.stringContaining(`deeper than ${MAX_NESTING_DEPTH} levels`));
  });

  it("rejects a PDF as binary", () => {
    const bytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj");
    expect(parsePage(bytes, { uri: S3 })).toMatchObject({ ok: false, rejection: { code: "binary" } });
  });
});
