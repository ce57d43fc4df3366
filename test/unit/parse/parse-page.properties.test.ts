import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseOutcome } from "../../../shared/parse/parse-outcome";
import { parsePage } from "../../../shared/parse/parse-page";
import { meetingRecordSchema } from "../../../shared/record/record-schema";

/** Whatever the bytes, parsePage answers with a record that passes the schema or a rejection with a reason. */
function expectOutcome(outcome: ParseOutcome): void {
  if (outcome.ok) expect(meetingRecordSchema.safeParse(outcome.record).success).toBe(true);
  else expect(outcome.rejection.message.length).toBeGreaterThan(0);
}

const FIXTURES = new URL("../../fixtures/", import.meta.url);
const pages = [
  ...readdirSync(new URL("pages/", FIXTURES))
    .filter((slug) => slug.startsWith("seed-"))
    .map((slug) => new Uint8Array(readFileSync(new URL(`pages/${slug}/page.txt`, FIXTURES)))),
  ...["gsc-1.html", "govcn-1.html", "wechat-1.html"].map(
    (f) => new Uint8Array(readFileSync(new URL(`pages/html-${f.replace(".html", "")}/page.html`, FIXTURES))),
  ),
];

describe("parsePage on hostile input", () => {
  it("answers arbitrary bytes without throwing", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom(undefined, "text/html", "text/plain; charset=gbk"),
        (bytes, contentType) => {
          expectOutcome(parsePage(bytes, { uri: "s3://b/k", contentType }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers arbitrary markup-like text without throwing", () => {
    const piece = fc.constantFrom(
      "<div>",
      "</div>",
      "<p>",
      "<br>",
      "<table><tr><td>",
      "</html>",
      "<!--",
      "-->",
      "会议",
      "发布时间:",
      "2022-01-28",
      "来源:",
      "<h1>",
      "</h1>",
      "<script>",
      "索引号:",
      "&nbsp;",
      "區(qū)",
      "•",
      "\n",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        expectOutcome(parsePage(new TextEncoder().encode(pieces.join("")), { uri: "s3://b/k" }));
      }),
      { numRuns: 300 },
    );
  });

  it("answers every fixture page cut at an arbitrary byte", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pages), fc.double({ min: 0, max: 1, noNaN: true }), (page, at) => {
        expectOutcome(parsePage(page.subarray(0, Math.floor(page.length * at)), { uri: "s3://b/k" }));
      }),
      { numRuns: 200 },
    );
  });

  it("answers huge pages within the size limit in seconds, not minutes", { timeout: 120_000 }, () => {
    const huge = fc.constantFrom(
      "<div>会议".repeat(60_000), // nesting far past what the DOM parser handles quickly
      `<html><body>${"<p>会议指出,要加强领导。</p>".repeat(60_000)}</body></html>`,
      "会议指出,要加强领导,密切配合。".repeat(100_000), // one 1.5 MB line
      `<p>${"abc def, ".repeat(200_000)}`,
    );
    fc.assert(
      fc.property(huge, (text) => {
        const started = Date.now();
        expectOutcome(parsePage(new TextEncoder().encode(text), { uri: "s3://b/k" }));
        expect(Date.now() - started).toBeLessThan(30_000);
      }),
      { numRuns: 4 },
    );
  });
});
