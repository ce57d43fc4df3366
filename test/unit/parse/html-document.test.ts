import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH, parseHtml, visibleLength } from "../../../shared/parse/html-document";

const nested = (open: string, depth: number) => `<html><body>${open.repeat(depth - 2)}会议纪要</body></html>`;

describe("parseHtml nesting limit", () => {
  it(`builds the DOM of a page nested exactly ${MAX_NESTING_DEPTH} levels deep`, () => {
    const doc = parseHtml(nested("<div>", MAX_NESTING_DEPTH));
    expect(doc?.elements).toHaveLength(MAX_NESTING_DEPTH);
    expect(doc?.elements.at(-1)?.text).toBe(4);
  });

  it("gives up on a page nested one level deeper (undefined: read it as text)", () => {
    expect(parseHtml(nested("<div>", MAX_NESTING_DEPTH + 1))).toBeUndefined();
  });

  it("counts depth as the parser builds the tree: unclosed <p>s and <li>s close at their sibling, void elements never open", () => {
    const many = 2 * MAX_NESTING_DEPTH;
    const doc = parseHtml(`<div>${"<p>一<br><img src=x>".repeat(many)}<ul>${"<li>二<br>".repeat(many)}</ul></div>`);
    expect(doc?.elements.filter((e) => e.tag === "p" && e.parent === 0)).toHaveLength(many);
    expect(doc?.elements.filter((e) => e.tag === "li")).toHaveLength(many);
  });

  it("does not count tags inside scripts, which the parser reads as text", () => {
    const page = `<html><body><script>${"<div>".repeat(2 * MAX_NESTING_DEPTH)}</script><p>会议纪要</p></body></html>`;
    expect(parseHtml(page)?.elements.map((e) => e.tag)).toEqual(["html", "body", "p"]);
  });

  it("counts stray closing tags as the parser does: a </span> with no open <span> closes nothing", () => {
    expect(parseHtml(nested("<div></span>", MAX_NESTING_DEPTH + 1))).toBeUndefined();
  });
});

describe("visibleLength", () => {
  it("counts what a reader sees: letters, digits, punctuation, Han and characters beyond the BMP", () => {
    expect(visibleLength("会议a1，!")).toBe(6);
    expect(visibleLength("𠀀")).toBe(2); // two UTF-16 code units, as every length here
  });

  it("leaves out whitespace, NBSP, the ideographic space and zero-width characters", () => {
    expect(visibleLength(" \t\r\n\f\v\u0000\u00a0\u3000\u200b\u200c\u200d\ufeff")).toBe(0);
    expect(visibleLength("曹\u3000\u3000雷\u00a0\u200b")).toBe(2);
  });

  it("counts the characters next to the invisible ones", () => {
    expect(visibleLength("\u0021\u009f\u00a1\u2fff\u3001\u200a\u200e\ufefe\uff00")).toBe(9);
  });
});
