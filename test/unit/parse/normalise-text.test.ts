import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectScript } from "../../../shared/parse/detect-script";
import { normaliseText } from "../../../shared/parse/normalise-text";

describe("normaliseText", () => {
  it("folds full-width digits, letters and punctuation to ASCII (NFKC), ２０２２年（试行）→ 2022年(试行)", () => {
    expect(normaliseText("２０２２年（试行）ＡＢ：", "simplified")).toBe("2022年(试行)AB:");
  });

  it("converts traditional characters to simplified on traditional pages, 鐘樓區會議 → 钟楼区会议", () => {
    expect(normaliseText("鐘樓區會議", "traditional")).toBe("钟楼区会议");
  });

  it("leaves characters alone on simplified pages, even traditional-looking ones", () => {
    expect(normaliseText("乾隆 會", "simplified")).toBe("乾隆 會");
  });

  it("drops pinyin readings after a Han character, 區(qū) → 区", () => {
    expect(normaliseText("全區(qū)四月份", "traditional")).toBe("全区四月份");
  });

  it("keeps real parentheses around a pinyin-annotated word, (擴(kuò)大) → (扩大)", () => {
    expect(normaliseText("領(lǐng)導(dǎo)干部(擴(kuò)大)會議", "traditional")).toBe("领导干部(扩大)会议");
  });

  it("keeps latin abbreviations in parentheses, 世界贸易组织(WTO)", () => {
    expect(normaliseText("世界贸易组织(WTO)", "simplified")).toBe("世界贸易组织(WTO)");
  });

  it("keeps parenthesised latin that does not follow a Han character, 2022 (qū)", () => {
    expect(normaliseText("2022 (qū)", "simplified")).toBe("2022 (qū)");
  });

  it("collapses runs of spaces (including ideographic spaces) to one but keeps spaces inside names, 曹　　雷 → 曹 雷", () => {
    expect(normaliseText("出席:曹　　雷   谢志诚", "simplified")).toBe("出席:曹 雷 谢志诚");
  });

  it("keeps line breaks and trims each line", () => {
    expect(normaliseText("  第一行 \n\t第二行", "simplified")).toBe("第一行\n第二行");
  });

  it("removes zero-width characters pasted between characters", () => {
    expect(normaliseText("李\u200b超\ufeff鲲", "simplified")).toBe("李超鲲");
  });

  it("is idempotent on arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.constantFrom("simplified", "traditional"),
        (text, script) => {
          const once = normaliseText(text, script as "simplified" | "traditional");
          expect(normaliseText(once, script as "simplified" | "traditional")).toBe(once);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is idempotent on text built from Han characters, parentheses and pinyin", () => {
    const piece = fc.constantFrom(
      "區",
      "(qū)",
      "會",
      "(擴",
      "大)",
      "(",
      ")",
      " ",
      "　",
      "项",
      "(xiàng)",
      "WTO",
      "ü",
      "１",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom("simplified", "traditional"),
        (pieces, script) => {
          const s = script as "simplified" | "traditional";
          const once = normaliseText(pieces.join(""), s);
          expect(normaliseText(once, s)).toBe(once);
        },
      ),
    );
  });
});

describe("detectScript", () => {
  it("calls a page traditional when most telling characters are traditional", () => {
    expect(detectScript("鐘樓區召開四套班子領導干部會議,區委書記徐偉南主持")).toBe("traditional");
  });

  it("calls a page simplified when most telling characters are simplified", () => {
    expect(detectScript("钟楼区召开四套班子领导干部会议,区委书记徐伟南主持")).toBe("simplified");
  });

  it("stays simplified when a simplified page quotes a few traditional forms", () => {
    expect(detectScript("区政府召开常务会议,会议听取了关于“臺灣會館”项目的汇报,会议要求各部门抓好落实。")).toBe(
      "simplified",
    );
  });

  it("stays simplified on text without telling characters", () => {
    expect(detectScript("2022年1月26日 abc")).toBe("simplified");
  });
});
