import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripTags } from "../../../shared/parse/strip-tags";

/** The one-regex-per-step form stripTags had: right, but quadratic on unclosed tags and scripts. */
function regexStripTags(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, "")
    .replace(
      /<\/?(?:address|article|blockquote|br|center|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)\b[^>]*>/gi,
      "\n",
    )
    .replace(/<[^>]*>/g, "");
}

describe("stripTags", () => {
  it("reads tags, scripts and comments as the plain regexes did, on any mix of them", () => {
    const piece = fc.constantFrom(
      "<",
      ">",
      "/",
      "!--",
      "--",
      "script",
      "SCRIPT",
      "style",
      "div",
      "p",
      "b",
      " ",
      "会",
      "x",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const html = pieces.join("");
        expect(stripTags(html)).toBe(regexStripTags(html));
      }),
      { numRuns: 3000 },
    );
  });

  it("turns block tags into line breaks and drops the rest", () => {
    expect(stripTags("<div>会议<b>纪要</b></div><p>出席</p>").split("\n").filter(Boolean)).toEqual([
      "会议纪要",
      "出席",
    ]);
  });

  it("drops scripts, styles and comments", () => {
    expect(stripTags("<script>var a='会议';</script><style>p{}</style><!-- 注释 -->正文").trim()).toBe("正文");
  });

  it("decodes common entities", () => {
    expect(stripTags("&lt;政府工作报告&gt;&nbsp;&#20250;&#x8bae;")).toBe("<政府工作报告> 会议");
  });
});
