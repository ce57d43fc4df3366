import { describe, expect, it } from "vitest";
import { isNameShaped, isPlausibleName, surnameLength } from "../../../../shared/parse/meeting/person-name";

describe("isPlausibleName", () => {
  it("accepts a three-character name with a common surname, 李超鲲", () => {
    expect(isPlausibleName("李超鲲")).toBe(true);
  });
  it("accepts rarer surnames seen in minutes, 恽淇丞", () => {
    expect(isPlausibleName("恽淇丞")).toBe(true);
  });
  it("accepts frequent modern surnames the 百家姓 lacks, 肖敏 and 苟天林", () => {
    expect(isPlausibleName("肖敏")).toBe(true);
    expect(isPlausibleName("苟天林")).toBe(true);
  });
  it("rejects words that do not start with a surname, 质量奖", () => {
    expect(isPlausibleName("质量奖")).toBe(false);
  });
  it("rejects four characters without a compound surname", () => {
    expect(isPlausibleName("王小伟谢")).toBe(false);
  });
  it("accepts four characters after a compound surname, 欧阳志远", () => {
    expect(isPlausibleName("欧阳志远")).toBe(true);
  });
});

describe("surnameLength", () => {
  it("is 2 for compound surnames", () => {
    expect(surnameLength("司马光")).toBe(2);
  });
});

describe("isNameShaped", () => {
  it.each(["巴图", "宝音满都呼", "白玛朗杰", "阿沛·晋源", "帕尔哈提·艾买提"])(
    "accepts %s, a name no surname list vouches for",
    (n) => {
      expect(isNameShaped(n)).toBe(true);
    },
  );
  it.each(["有关部门", "县政府顾问", "上午", "负责同志", "经信局"])(
    "rejects %s, words of units, groups and time",
    (w) => {
      expect(isNameShaped(w)).toBe(false);
    },
  );
});
