import { describe, expect, it } from "vitest";
import { parseChineseNumber } from "../../../shared/parse/chinese-numeral";

describe("parseChineseNumber", () => {
  it("reads Arabic digits, 25 → 25", () => {
    expect(parseChineseNumber("25")).toBe(25);
  });
  it("reads a year written digit by digit with any of the zeros pages type, 二○二三 / 二O二三 / 二〇二三 → 2023", () => {
    for (const year of ["二○二三", "二O二三", "二〇二三", "二0二三"]) expect(parseChineseNumber(year)).toBe(2023);
  });
  it("reads single numerals, 三 → 3", () => {
    expect(parseChineseNumber("三")).toBe(3);
  });
  it("reads teens without a leading one, 十一 → 11", () => {
    expect(parseChineseNumber("十一")).toBe(11);
  });
  it("reads tens and units, 二十五 → 25", () => {
    expect(parseChineseNumber("二十五")).toBe(25);
  });
  it("reads hundreds with a zero, 一百零二 → 102", () => {
    expect(parseChineseNumber("一百零二")).toBe(102);
  });
  it("returns null for words that are not numbers", () => {
    expect(parseChineseNumber("奋力")).toBeNull();
  });
});
