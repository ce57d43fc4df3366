import { describe, expect, it } from "vitest";
import { parsePage } from "../../../shared/parse/parse-page";
import { cpuMs, growth } from "../support/cpu-growth";

/**
 * Pages built to be slow: each repeats what one of the parser's patterns or
 * loops is worst at. Parse time per byte must stay flat as such a page grows
 * (16× the bytes: a quadratic step would cost 16× per byte, an exponential
 * one never finish). Ratios, not time limits, so a busy machine cannot fail them.
 */
const PATHOLOGICAL: Record<string, (n: number) => string> = {
  // PINYIN_DEBRIS backtracked exponentially: 王(ā + 30 × a took 100 s
  "an unclosed pinyin reading, 王(āaaa…": (n) => `王(ā${"a".repeat(n)}`,
  "many unclosed pinyin readings, 王(ā王(ā…": (n) => "王(ā".repeat(n),
  // postsAsNotes re-scanned the list per name: 240 KB took 30–40 s
  "a posted attendee list, 出席:区长王明、区长王明、…": (n) => `出席:${"区长王明、".repeat(n)}`,
  "a reported attendee sentence, 区长王明、李强出席会议…": (n) => "区长王明、李强出席会议".repeat(n),
  // POST_CHAIN read each link two ways: 20 posts without a name took 6 s
  "a chain of posts with no name, 区委副书记、区委副书记、…": (n) => `${"区委副书记、".repeat(n)}王明主持`,
  "a chain of level-elided posts, 市委常委、统战部部长、…": (n) => `${"市委常委、统战部部长、".repeat(n)}`,
  "chairs, 王明主持王明主持…": (n) => "王明主持".repeat(n),
  "convening verbs, 召开召开…": (n) => "召开".repeat(n),
  "meetings before a verb, 全区会议全区会议…召开": (n) => `${"全区会议".repeat(n)}召开`,
  "agenda verbs on one line, 会议审议了会议审议了…": (n) => "会议审议了".repeat(n),
  "numbered agenda headings": (n) => "一、会议审议了《关于》\n".repeat(n),
  "unclosed document titles, 《《《…": (n) => "《".repeat(n),
  "byline labels, 发布时间: 发布时间: …": (n) => "发布时间: ".repeat(n),
  "padded role labels, 出 席 出 席 …": (n) => "出 席 ".repeat(n),
  "a padded name list, 出席:王明 王明 …": (n) => `出席:${"王明 ".repeat(n)}`,
  "names with unclosed post notes, 王明(区长王明(区长…": (n) => "王明(区长".repeat(n),
  "approvals without a proposer, 同意同意…": (n) => "同意".repeat(n),
  "a department without an office suffix, 区发发发…": (n) => `区${"发".repeat(n)}`,
  "dates without digits after them, 2022年1月2022年1月…": (n) => "2022年1月".repeat(n),
  "unclosed parentheses, ((((…": (n) => "(".repeat(n),
  "unclosed <div>s": (n) => `<html><body>${"<div>".repeat(n)}</body></html>`,
  "unclosed tags, <a b<a b…": (n) => `<html>${"<a b".repeat(n)}`,
  // past the nesting limit the page is read as text with its tags stripped
  "unclosed <script>s after deep nesting": (n) => `<html><body>${"<div>".repeat(6000)}${"<script>".repeat(n)}`,
  "unclosed block tags after deep nesting": (n) => `<html><body>${"<div>".repeat(6000)}${"<p x".repeat(n)}<br>`,
  "unclosed comments after deep nesting": (n) => `<html><body>${"<div>".repeat(6000)}${"<!--".repeat(n)}`,
  "HTML paragraphs of attendee sentences": (n) =>
    `<html><body>${"<p>区长王明、李强出席会议</p>".repeat(n)}</body></html>`,
  "HTML hidden spans in a table": (n) =>
    `<html><body><table><tr>${'<td><span style="display:none">会</span>议</td>'.repeat(n)}</tr></table></body></html>`,
};

const encoder = new TextEncoder();

/** The page of `make` that first reaches `bytes` bytes. */
function pageOf(make: (n: number) => string, bytes: number): Uint8Array {
  const unit = Math.max(1, encoder.encode(make(2)).length - encoder.encode(make(1)).length);
  return encoder.encode(make(Math.ceil(bytes / unit)));
}

const parse = (bytes: Uint8Array) => {
  parsePage(bytes, { uri: "file:///pathological" });
};

describe("parse time per byte on pathological pages", () => {
  it.each(Object.entries(PATHOLOGICAL))(
    "stays flat from 8 KB to 128 KB: %s",
    (_name, make) => {
      const measured = growth([8 * 1024, 32 * 1024, 128 * 1024], (size) => pageOf(make, size), parse);
      // linear: about 1 (often below, fixed costs spread thinner); quadratic: 16
      expect(measured.ratio, `CPU ms per byte at ${measured.sizes}: ${measured.perUnit}`).toBeLessThan(4);
    },
    120_000,
  );
});

describe("the pathological pages of issue 7", () => {
  it.each([
    ["王(ā + 30 × a", `王(ā${"a".repeat(30)}`],
    [
      "出席: + 区长王明、 to 240 KB",
      new TextDecoder().decode(
        pageOf(PATHOLOGICAL["a posted attendee list, 出席:区长王明、区长王明、…"] as (n: number) => string, 240 * 1024),
      ),
    ],
    ["区长王明、李强出席会议 to 240 KB", "区长王明、李强出席会议".repeat(Math.ceil((240 * 1024) / 33))],
  ])(
    "each parses in under 1 s of CPU: %s",
    (_name, text) => {
      const bytes = encoder.encode(text);
      parse(bytes); // warm-up
      expect(cpuMs(() => parse(bytes), 1)).toBeLessThan(1000);
    },
    60_000,
  );
});
