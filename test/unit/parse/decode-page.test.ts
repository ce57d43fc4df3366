import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePage } from "../../../shared/parse/decode-page";
import { encodeLegacy } from "./support/encode-legacy";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Code units low byte first; the pages here hold no character beyond U+FFFF. */
const utf16le = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);
const SIMPLIFIED =
  "<p>钟楼区政府2022年度第1次常务会议纪要。会议审议了重大项目攻坚突破实施方案,要求各部门抓好落实。</p>";
const TRADITIONAL = "<p>鐘樓區召開四套班子領導幹部會議。區委書記徐偉南在會上講話,區長主持會議。</p>";

function decoded(bytes: Uint8Array, contentType?: string) {
  const result = decodePage(bytes, { contentType });
  if (!result.ok) throw new Error(`expected text, got ${result.code}`);
  return result;
}

describe("decodePage", () => {
  it("reads UTF-8 bytes as utf-8", () => {
    expect(decoded(utf8(SIMPLIFIED))).toMatchObject({ encoding: "utf-8", text: SIMPLIFIED, warnings: [] });
  });

  it("strips a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("会议")]);
    expect(decoded(bytes)).toMatchObject({ encoding: "utf-8", text: "会议" });
  });

  it("reads UTF-16LE when the byte-order mark says so", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x1a, 0x4f, 0xae, 0x8b]); // 会议
    expect(decoded(bytes)).toMatchObject({ encoding: "utf-16le", text: "会议" });
  });

  it("reads the bytes after a byte-order mark by their own charset when they are not what it says, and warns", () => {
    const gb = encodeLegacy(SIMPLIFIED, "gb18030");
    for (const mark of [
      [0xef, 0xbb, 0xbf], // a UTF-8 include pasted above a GBK page
      [0xff, 0xfe],
    ]) {
      const result = decoded(new Uint8Array([...mark, ...gb]));
      expect([result.encoding, result.text]).toEqual(["gb18030", SIMPLIFIED]);
      expect(result.warnings).toEqual([expect.stringMatching(/byte-order mark stands before gb18030 bytes$/)]);
    }
  });

  it("rejects a UTF-16 byte-order mark before bytes that are no text as binary", () => {
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256);
    expect(decodePage(new Uint8Array([0xfe, 0xff, ...noise]))).toMatchObject({ ok: false, code: "binary" });
  });

  it("keeps UTF-16 text with markup in any script, 日本語のページ", () => {
    const page = "<html><body><p>日本語のページです。ひらがなとカタカナ。</p></body></html>";
    const bytes = new Uint8Array([0xff, 0xfe, ...utf16le(page)]);
    expect(decoded(bytes)).toMatchObject({ encoding: "utf-16le", text: page, warnings: [] });
  });

  it("warns of the damage when UTF-16 after its byte-order mark is cut inside a character", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...utf16le(SIMPLIFIED), 0x1a]); // and half a character
    expect(decoded(bytes)).toMatchObject({
      encoding: "utf-16le",
      text: `${SIMPLIFIED}\ufffd`,
      warnings: ["source.encoding: 1 byte sequences are not valid utf-16le"],
    });
  });

  it("reads UTF-8 bytes that declare gb2312 as utf-8 and warns (corpus people-1, hexun-1)", () => {
    const page = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">${SIMPLIFIED}`;
    const result = decoded(utf8(page));
    expect(result.encoding).toBe("utf-8");
    expect(result.warnings).toEqual([expect.stringContaining("declares gb2312 but the bytes are utf-8")]);
  });

  it("detects undeclared GB18030 bytes", () => {
    expect(decoded(encodeLegacy(SIMPLIFIED, "gb18030"))).toMatchObject({ encoding: "gb18030", text: SIMPLIFIED });
  });

  it("detects undeclared Big5 bytes", () => {
    expect(decoded(encodeLegacy(TRADITIONAL, "big5"))).toMatchObject({ encoding: "big5", text: TRADITIONAL });
  });

  it("honours a gb2312 <meta charset> that matches GB bytes, reporting gb18030 without a warning", () => {
    const bytes = encodeLegacy(`<meta charset="gb2312">${SIMPLIFIED}`, "gb18030");
    expect(decoded(bytes)).toMatchObject({ encoding: "gb18030", warnings: [] });
  });

  it("overrules a big5 declaration on GB bytes and warns", () => {
    const result = decoded(encodeLegacy(`<meta charset="big5">${SIMPLIFIED}`, "gb18030"));
    expect(result.encoding).toBe("gb18030");
    expect(result.warnings).toEqual([expect.stringContaining("declares big5 but the bytes are gb18030")]);
  });

  it("overrules a gb2312 declaration on Big5 bytes", () => {
    expect(decoded(encodeLegacy(`<meta charset="gb2312">${TRADITIONAL}`, "big5")).encoding).toBe("big5");
  });

  it("uses the object's Content-Type charset as a declaration", () => {
    const result = decoded(utf8(SIMPLIFIED), "text/html; charset=gbk");
    expect(result.warnings).toEqual([expect.stringContaining("Content-Type declares gbk but the bytes are utf-8")]);
  });

  it("keeps reading UTF-8 when the page is cut inside a multi-byte character", () => {
    const bytes = utf8(SIMPLIFIED).slice(0, 20);
    expect(decoded(bytes).encoding).toBe("utf-8");
  });

  it("keeps reading UTF-8 when the 256 KB charset sample ends inside a character, at each of its bytes", () => {
    for (const pad of [0, 1, 2]) {
      // 会 is three bytes: the sample boundary falls after its first, second or third byte
      const bytes = utf8(`${"a".repeat(256 * 1024 - 1 - pad)}会议纪要${SIMPLIFIED}`);
      const result = decoded(bytes);
      expect(result.encoding).toBe("utf-8");
      expect(result.warnings).toEqual([]);
    }
  });

  it("rejects zero bytes as empty", () => {
    expect(decodePage(new Uint8Array())).toMatchObject({ ok: false, code: "empty" });
  });

  it("rejects whitespace-only bytes as empty", () => {
    expect(decodePage(utf8(" \n\t\r\n "))).toMatchObject({ ok: false, code: "empty" });
  });

  it.each([
    ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]],
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
    ["ZIP", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ["GIF", [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
    ["JPEG", [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]],
  ])("rejects a %s file as binary", (_name, magic) => {
    expect(decodePage(new Uint8Array([...magic, ...utf8(SIMPLIFIED)]))).toMatchObject({ ok: false, code: "binary" });
  });

  it("rejects bytes containing NUL as binary", () => {
    expect(decodePage(new Uint8Array([...utf8("会议"), 0, ...utf8("纪要")]))).toMatchObject({
      ok: false,
      code: "binary",
    });
  });

  it("rejects bytes full of control characters as binary", () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(decodePage(bytes)).toMatchObject({ ok: false, code: "binary" });
  });

  it("calls bytes binary exactly when they hold a NUL or over 5% control bytes, wherever they sit in memory", () => {
    // the test reads four bytes at a time; any alignment and any place of the control bytes must read the same
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constantFrom(0x41, 0x20, 0x0a, 0xe4, 0xbc, 0x9a));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 120 }), fc.integer({ min: 0, max: 3 }), (body, offset) => {
        const page = [...utf8("<p>"), ...body];
        const bytes = new Uint8Array(offset + page.length);
        bytes.set(page, offset);
        const sample = bytes.subarray(offset);
        const allowed = [0x09, 0x0a, 0x0d, 0x0c, 0x1b];
        const control = page.filter((b) => b < 0x20 && b !== 0 && !allowed.includes(b)).length;
        const binary = page.includes(0) || control > 0.05 * page.length;
        expect(decodePage(sample).ok === false && (decodePage(sample) as { code: string }).code === "binary").toBe(
          binary,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects bytes no candidate charset decodes without heavy damage as undecodable", () => {
    // 0x80 and 0xFF are invalid lead bytes in UTF-8, GB18030 and Big5 alike.
    const bytes = new Uint8Array(400).map((_, i) => (i % 2 === 0 ? 0x80 : 0xff));
    expect(decodePage(bytes)).toMatchObject({ ok: false, code: "undecodable" });
  });

  it("never throws on arbitrary bytes and always answers", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const result = decodePage(bytes);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
