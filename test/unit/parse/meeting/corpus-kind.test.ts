import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePage } from "../../../../shared/parse/parse-page";

/** Real pages that are not about a government meeting, through the whole parser. */
const PAGES_DIR = join(import.meta.dirname, "../../../fixtures/pages");

function parse(file: string) {
  const outcome = parsePage(readFileSync(join(PAGES_DIR, `html-${file.replace(".html", "")}`, "page.html")), {
    uri: `file://${file}`,
  });
  if (!outcome.ok) throw new Error(`${file} rejected: ${outcome.rejection.message}`);
  return outcome.record;
}

describe("pages that are not about a meeting", () => {
  it.each([
    ["gamersky-1.html", "game news"],
    ["hexun-1.html", "a finance article"],
    ["stcn-1.html", "stock announcements"],
    ["wechat-1.html", "a product launch (发布会)"],
    ["gsc-1.html", "an academic conference (学术年会)"],
    ["cmse-1.html", "a press conference (新闻发布会)"],
    ["govcn-1.html", "a legislative decision"],
  ])("calls %s (%s) other, with no meeting", (file) => {
    const record = parse(file);
    expect([record.kind, record.meeting]).toEqual(["other", null]);
  });
});
