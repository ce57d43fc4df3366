import { describe, expect, it } from "vitest";
import { labelledValues, splitAtLabels } from "../../../shared/parse/labelled-values";

describe("labelledValues", () => {
  it("splits a byline into its labelled values (seed 002)", () => {
    expect(labelledValues("发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区")).toEqual([
      { label: "发布时间", value: "2020-10-10" },
      { label: "来源", value: "金坛手机台" },
      { label: "发布开发区", value: "江苏金坛经济开发区" },
    ]);
  });

  it("joins labels padded with spaces, 索 引 号 → 索引号", () => {
    expect(labelledValues("索 引 号:014119467/2022-00235")).toEqual([
      { label: "索引号", value: "014119467/2022-00235" },
    ]);
  });

  it("keeps empty values", () => {
    expect(labelledValues("文件编号: 发布机构: 政府办")).toEqual([
      { label: "文件编号", value: "" },
      { label: "发布机构", value: "政府办" },
    ]);
  });

  it("does not take a time of day for a label", () => {
    expect(labelledValues("发布时间:2016-11-22 09:53")).toEqual([{ label: "发布时间", value: "2016-11-22 09:53" }]);
  });

  it("finds nothing in a sentence whose colon follows punctuation", () => {
    expect(labelledValues("会议指出,现纪要如下:一、会议审议了方案")).toEqual([]);
  });
});

describe("splitAtLabels", () => {
  it("takes the label from whichever group of the pattern matched, spaces removed", () => {
    const pattern = /(?:(索\s*引\s*号)|(文号)):/gu;

    expect(splitAtLabels("索 引 号:0141/2022 文号:常政〔2022〕1号", pattern)).toEqual([
      { label: "索引号", value: "0141/2022" },
      { label: "文号", value: "常政〔2022〕1号" },
    ]);
  });
});
