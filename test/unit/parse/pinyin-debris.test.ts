import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { removePinyinDebris } from "../../../shared/parse/pinyin-debris";

/** The regex this scan replaced: right on short inputs, exponential on 王(ā + 30 × a. */
const TONED_VOWEL = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
const PINYIN_SYLLABLE = `(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv${TONED_VOWEL}]+(?:ng|n|r)?`;
const OLD_PINYIN_DEBRIS = new RegExp(
  `(?<=\\p{Script=Han})(?:\\((?=[^)]*[${TONED_VOWEL}])(?:${PINYIN_SYLLABLE} ?)+\\))+`,
  "giu",
);

describe("removePinyinDebris", () => {
  it("drops a reading after a Han character, 區(qū) → 區", () => {
    expect(removePinyinDebris("全區(qū)四月份")).toBe("全區四月份");
  });

  it("drops readings of several syllables and consecutive readings, 領(lǐng)導(dǎo) 項(xiàng mù)", () => {
    expect(removePinyinDebris("領(lǐng)導(dǎo)干部")).toBe("領導干部");
    expect(removePinyinDebris("項(xiàng)(mù)目(mù )")).toBe("項目");
    expect(removePinyinDebris("工作(gōngzuò)")).toBe("工作");
  });

  it("keeps parentheses that are no toned reading: (WTO), (扩大), (qu), 2022 (qū)", () => {
    for (const text of ["世界贸易组织(WTO)", "干部(擴大)", "区(qu)", "2022 (qū)", "区(qū", "区(q ū)", "区(ā  a)"]) {
      expect(removePinyinDebris(text)).toBe(text);
    }
  });

  it("agrees with the regex it replaced on short strings of pinyin letters, Han and brackets", () => {
    const piece = fc.constantFrom(
      "区",
      "𠮷",
      "(",
      ")",
      " ",
      "a",
      "ā",
      "Ā",
      "ü",
      "n",
      "g",
      "zh",
      "x",
      "r",
      "v",
      "W",
      "1",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const text = pieces.join("");
        expect(removePinyinDebris(text)).toBe(text.replace(OLD_PINYIN_DEBRIS, ""));
      }),
      { numRuns: 3000 },
    );
  });
});
