import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../../shared/parse/decode-text";
import { goldenPages } from "../../quality/golden-pages";

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);
const textDecoder = (input: Uint8Array, encoding = "utf-8") => new TextDecoder(encoding).decode(input);

describe("decodeText reads bytes exactly as TextDecoder does", () => {
  it.each([
    ["nothing", bytes()],
    ["ASCII markup", utf8('<meta charset="utf-8"><p>a &amp; b</p>')],
    ["Chinese text with full-width punctuation", utf8("钟楼区政府2022年度第1次常务会议纪要，会议议定：")],
    ["characters beyond the BMP (surrogate pairs)", utf8("𠀀𪚥 😀 曹  雷")],
    ["a real U+FFFD in valid UTF-8", utf8("前\ufffd后")],
    ["a byte-order mark inside the text, which stays", utf8("会\ufeff议")],
    ["a leading byte-order mark, which TextDecoder drops", utf8("\ufeff会议")],
    ["two leading byte-order marks", utf8("\ufeff\ufeff会议")],
    ["a character cut at the end", utf8("会议").subarray(0, 5)],
    ["a stray continuation byte", bytes(0x61, 0x80, 0x62)],
    ["an overlong encoding", bytes(0xc0, 0xaf, 0x61)],
    ["an encoded surrogate", bytes(0xed, 0xa0, 0x80, 0x61)],
    ["GBK bytes read as UTF-8", bytes(0xbb, 0xe1, 0xd2, 0xe9)],
  ])("%s", (_name, input) => {
    expect(decodeText(input, "utf-8").text).toBe(textDecoder(input));
  });

  it("reads a view into a larger buffer from its own offset", () => {
    const whole = utf8("前缀会议纪要后缀");
    const view = whole.subarray(6, 18);
    expect(decodeText(view, "utf-8")).toEqual({ text: "会议纪要", utf8: view });
  });

  it("hands back the bytes only when the text is exactly them decoded: valid UTF-8 that opens without a byte-order mark", () => {
    const valid = utf8("会议纪要");
    expect(decodeText(valid, "utf-8").utf8).toBe(valid);
    expect(decodeText(utf8("\ufeff会议"), "utf-8").utf8).toBeUndefined();
    expect(decodeText(bytes(0x61, 0x80, 0x62), "utf-8").utf8).toBeUndefined();
  });

  it("hands other charsets to TextDecoder (GB18030 会议)", () => {
    expect(decodeText(bytes(0xbb, 0xe1, 0xd2, 0xe9), "gb18030")).toEqual({ text: "会议", utf8: undefined });
  });

  it("reads every golden page as TextDecoder does", () => {
    const pages = goldenPages();
    expect(pages.length).toBeGreaterThan(100);
    for (const page of pages) {
      const raw = new Uint8Array(readFileSync(page.path));
      expect(decodeText(raw, "utf-8").text === textDecoder(raw), page.slug).toBe(true);
    }
  });
});
