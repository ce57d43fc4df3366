import { describe, expect, it } from "vitest";
import { isDisclosureLine } from "../../../../shared/parse/lexicon/disclosure-labels";

describe("isDisclosureLine", () => {
  it.each([
    "索引号 11330283002979996P/2021-112711 组配分类 常务会议",
    "索 引 号 主题分类 综合政务",
    "• 发布机构:",
    "备注/文号 下政阅〔2011〕1号",
    "成文日期 2013-07-02",
  ])("knows %s for a line of the 政府信息公开 block", (line) => {
    expect(isDisclosureLine(line)).toBe(true);
  });
  it.each(["标题党的危害", "区政府召开第86次常务会议 胡永光主持", "公开方式改革座谈会召开"])(
    "does not take %s for one",
    (line) => {
      expect(isDisclosureLine(line)).toBe(false);
    },
  );
});
