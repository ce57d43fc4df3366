import { describe, expect, it } from "vitest";
import { extractDisclosure } from "../../../../shared/parse/meeting/extract-disclosure";

const disclosureOf = (...lines: string[]) => extractDisclosure(lines).disclosure;

describe("extractDisclosure", () => {
  it("reads labels spaced to a common width, 索 引 号", () => {
    expect(disclosureOf("索 引 号:014119467/2022-00235", "发布机构:政府办")?.indexNumber).toBe("014119467/2022-00235");
  });
  it("reads the Hanweb labels 所属机构 and 所属主题 as publisher and topic", () => {
    const d = disclosureOf("索引号:FZ00102-0200-2023-00047", "所属机构:鼓楼区人民政府办公室", "所属主题:综合政务");
    expect([d?.publisher, d?.topic]).toEqual(["鼓楼区人民政府办公室", "综合政务"]);
  });
  it("reads a 成文日期 written in Chinese numerals, 二〇二三年十月十日", () => {
    expect(disclosureOf("索引号:1", "成文日期:二〇二三年十月十日")?.createdDate).toBe("2023-10-10");
  });
  it("reads several fields on one line", () => {
    const d = disclosureOf("索引号:1", "主题分类: 机关事务 体裁分类: 会议纪要 组配分类: 政府会议");
    expect([d?.topic, d?.genre, d?.category]).toEqual(["机关事务", "会议纪要", "政府会议"]);
  });
  it("reads 文件编号 and 发布机构 sharing a line", () => {
    const d = disclosureOf("索引号:1", "文件编号:〔2022〕第1期 发布机构:政府办");
    expect([d?.documentNumber, d?.publisher]).toEqual(["〔2022〕第1期", "政府办"]);
  });
  it("turns an empty value into null, 文件编号: 发布机构: 政府办", () => {
    const d = disclosureOf("索引号:1", "文件编号: 发布机构: 政府办");
    expect([d?.documentNumber, d?.publisher]).toEqual([null, "政府办"]);
  });
  it("takes the value from the next line when the label stands alone", () => {
    expect(disclosureOf("索引号:", "014119467/2022-00235", "发布机构:政府办")?.indexNumber).toBe(
      "014119467/2022-00235",
    );
  });
  it("reads table rows without colons, 索引号 014119467/2022-00235 主题分类 机关事务", () => {
    const d = disclosureOf("索引号 014119467/2022-00235 主题分类 机关事务", "发布机构 政府办 发文日期 2024-01-19");
    expect([d?.indexNumber, d?.topic, d?.publisher, d?.publishedDate]).toEqual([
      "014119467/2022-00235",
      "机关事务",
      "政府办",
      "2024-01-19",
    ]);
  });
  it("takes the value from the next line after a label-only table cell", () => {
    expect(disclosureOf("索 引 号", "014119467/2022-00235", "发布机构", "政府办")?.publisher).toBe("政府办");
  });
  it("reads the synonyms 发文机构, 发文字号, 成文日期, 有效性", () => {
    const d = disclosureOf(
      "发文机构:区政府办公室",
      "发文字号:常钟政办〔2023〕5号",
      "成文日期:2023年3月2日",
      "有效性:有效",
    );
    expect([d?.publisher, d?.documentNumber, d?.createdDate, d?.validity]).toEqual([
      "区政府办公室",
      "常钟政办〔2023〕5号",
      "2023-03-02",
      "有效",
    ]);
  });
  it("turns dates into ISO, 产生日期: 2022-01-27 发布日期: 2022-01-28", () => {
    const d = disclosureOf("索引号:1", "产生日期: 2022-01-27 发布日期: 2022-01-28 废止日期: 有效");
    expect([d?.createdDate, d?.publishedDate, d?.validity]).toEqual(["2022-01-27", "2022-01-28", "有效"]);
  });
  it("returns the 信息名称 as a title, not as a disclosure field", () => {
    const result = extractDisclosure(["信息名称: 区政府第25次常务会议纪要", "索引号:1"]);
    expect(result.title).toBe("区政府第25次常务会议纪要");
  });
  it("is null for a news byline that only has a date and a source", () => {
    expect(disclosureOf("发布日期:2020-10-10 信息来源:金坛手机台")).toBeNull();
  });
  it("is null when the page has no such block", () => {
    expect(disclosureOf("10月9日下午,我区召开督查会。")).toBeNull();
  });
  it("ignores label words inside body sentences", () => {
    const d = disclosureOf("索引号:1", "发布机构:政府办", "会议指出,发布机构:要做好");
    expect(d?.publisher).toBe("政府办");
  });
});

describe("extractDisclosure for blocks without colons", () => {
  const ROWS = [
    "索引号 11330283002979996P/2021-112711 组配分类 常务会议 主题分类 会议、会务",
    "发文日期 2021-03-04 成文日期 2021-03-03 发布机构 区政府办公室",
    "公开方式 主动公开 公开范围 面向社会",
  ];
  it("reads labels and values separated by spaces only", () => {
    const d = disclosureOf(...ROWS);
    expect([d?.indexNumber, d?.category, d?.topic, d?.publisher, d?.openness]).toEqual([
      "11330283002979996P/2021-112711",
      "常务会议",
      "会议、会务",
      "区政府办公室",
      "主动公开",
    ]);
  });
  it("maps 发文日期 to publishedDate and 成文日期 to createdDate", () => {
    const d = disclosureOf(...ROWS);
    expect([d?.publishedDate, d?.createdDate]).toEqual(["2021-03-04", "2021-03-03"]);
  });
  it("reads 信息索引号 as the index number and a compound label 备注/文号 as its last part", () => {
    const d = disclosureOf(
      "信息索引号 K1493206-6/2011-12864 公开方式 主动公开",
      "备注/文号 下政阅〔2011〕1号 公开时限 长期公开",
    );
    expect([d?.indexNumber, d?.documentNumber, d?.openness]).toEqual([
      "K1493206-6/2011-12864",
      "下政阅〔2011〕1号",
      "主动公开",
    ]);
  });
  it("reads labels and values on alternating lines", () => {
    const d = disclosureOf("索引号", "014119467/2023-00012", "发布机构", "县政府办", "成文日期", "2023-05-06");
    expect([d?.indexNumber, d?.publisher, d?.createdDate]).toEqual(["014119467/2023-00012", "县政府办", "2023-05-06"]);
  });
  it("leaves an empty value in a bulleted list empty instead of taking the next bullet", () => {
    const d = disclosureOf("• 索引号: 014119467/2023-00012", "• 发布机构:", "• 【字体:", "• 成文日期: 2023-05-06");
    expect([d?.publisher, d?.createdDate]).toEqual([null, "2023-05-06"]);
  });
  it("leaves out, with a warning, a field whose value is article text run into its label", () => {
    const paragraph =
      "2月28日,县长王丰鹏主持召开县政府第59次常务会议。会议传达学习了市委书记在市十三届人大四次会议闭幕时的讲话精神。".repeat(
        2,
      );
    const result = extractDisclosure([`索引号:${paragraph}`, "发布机构:县政府办", "主题分类:综合政务"]);
    expect([result.disclosure?.indexNumber, result.disclosure?.publisher]).toEqual([null, "县政府办"]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^disclosure\.indexNumber: a value of \d+ characters is text/),
    ]);
  });
  it("keeps a long summary, 内容概述", () => {
    const summary = "会议研究了全县经济运行、安全生产和民生实事项目推进等事项。".repeat(5);
    expect(disclosureOf("索引号:1", "发布机构:县政府办", `内容概述:${summary}`)?.summary).toBe(summary);
  });
});
