import { describe, expect, it } from "vitest";
import { extractTextPage } from "../../../shared/parse/extract-text-page";

const DUMP = [
  "• 网站首页",
  "• 政民互动",
  "信息名称:钟楼区政府2022年度第1次常务会议纪要",
  "索 引 号:014119467/2022-00235",
  "产生日期: 2022-01-27 发布日期: 2022-01-28 废止日期: 有效",
  "钟楼区政府2022年度第1次常务会议纪要",
  "〔2022〕第1期",
  "2022年1月26日下午,在区机关815会议室,区长李超鲲主持召开区政府2022年度第1次常务会议,现纪要如下:",
  "一、会议审议了《钟楼区2022年重大项目攻坚突破实施方案》",
  "主 持:李超鲲",
  "【打印本页】 【关闭窗口】",
  "联系我们 | 网站地图 | 网站纠错",
  "苏公网安备32041102000483号 网站标识码:3204040002 苏ICP备05028197号",
];

const REPOST = [
  "打造网上国际投资促进平台 致力于中国投资促进事业",
  "您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻",
  "金坛召开“两个加快全面决战年”第三次督查会",
  "发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区",
  "10月9日下午,我区召开“两个加快全面决战年”第三次督查会。区委书记狄志强要求全区上下进一步明确任务。",
  "上一条:我区召开物流行业专项整治行动推进会",
  "与我们联系",
  "• 联系电话:+86-0512-53660867",
  "Copyright © 2015-2024 InvestCHN.com All Rights Reserved. 版权所有:投促中国",
];

describe("extractTextPage", () => {
  it("takes the headline from 信息名称", () => {
    expect(extractTextPage(DUMP).meta.title).toBe("钟楼区政府2022年度第1次常务会议纪要");
  });

  it("starts the body after the headline and its document number", () => {
    expect(extractTextPage(DUMP).bodyLines[0]).toMatch(/^2022年1月26日下午/);
  });

  it("ends the body before the print bar and the footer", () => {
    expect(extractTextPage(DUMP).bodyLines.at(-1)).toBe("主 持:李超鲲");
  });

  it("keeps the 政府信息公开 block in lines, without the menu", () => {
    const { lines } = extractTextPage(DUMP);
    expect([lines.includes("索 引 号:014119467/2022-00235"), lines.includes("• 网站首页")]).toEqual([true, false]);
  });

  it("ends lines with the body, a contiguous part of them", () => {
    const { lines, bodyLines } = extractTextPage(DUMP);
    expect(lines.slice(-bodyLines.length)).toEqual(bodyLines);
  });

  it("takes the headline from the line above the byline when there is no 信息名称", () => {
    expect(extractTextPage(REPOST).meta.title).toBe("金坛召开“两个加快全面决战年”第三次督查会");
  });

  it("reads date, 来源 and other byline values into meta", () => {
    expect(extractTextPage(REPOST).meta).toMatchObject({
      publishedDate: "2020-10-10",
      origin: "金坛手机台",
      extra: { 发布开发区: "江苏金坛经济开发区" },
    });
  });

  it("reads the site name from the copyright footer and the column from the breadcrumb", () => {
    expect(extractTextPage(REPOST).meta).toMatchObject({ siteName: "投促中国", columnName: "文字新闻" });
  });

  it("keeps the byline, breadcrumb and contact block out of the body", () => {
    expect(extractTextPage(REPOST).bodyLines).toEqual([REPOST[4]]);
  });

  it("reads a page that is only article text as all body", () => {
    const page = [
      "4月1日上午,钟楼区召开四套班子领导干部(扩大)会议,区委书记徐伟南部署四月份工作。",
      "区长潘冬铃主持会议。",
    ];
    expect(extractTextPage([...page, "扫一扫在手机打开当前页 |"]).bodyLines).toEqual(page);
  });
});

describe("extractTextPage for minutes that open with labels", () => {
  const LABELLED = [
    "• 网站首页",
    "当前位置:首页 > 政务公开 > 会议纪要",
    "涞水县人民政府县长办公会议纪要(第7期)",
    "发布时间:2023-04-14 10:20 来源:县政府办公室 浏览次数:326",
    "【字体:大 中 小】",
    "会议时间:2023年4月11日下午",
    "会议地点:县政府第二会议室",
    "主 持 人:孟凡军(县长)",
    "出席人员:吴海涛(常务副县长) 刘 畅(副县长)",
    "现将会议议定事项纪要如下:",
    "(一)研究了县城区集中供热管网改造工程有关事宜。",
    "会议同意县住建局提出的改造方案,工程总投资约4800万元,资金由县财政局统筹安排,确保10月底前完工。",
  ];
  it("starts the body at the minutes' own labels, after the byline and the 字体 bar", () => {
    expect(extractTextPage(LABELLED).bodyLines.slice(0, 2)).toEqual([
      "会议时间:2023年4月11日下午",
      "会议地点:县政府第二会议室",
    ]);
  });
  it("still reads the byline of such a page", () => {
    expect(extractTextPage(LABELLED).meta.publishedDate).toBe("2023-04-14");
  });
});

describe("extractTextPage without 信息名称 or byline", () => {
  const PARAGRAPH = "3月4日上午,县长张三主持召开县政府第十二次常务会议,听取春耕生产工作汇报,研究部署近期重点工作。";

  it("takes a headline-shaped line right above the first paragraph for the headline", () => {
    expect(extractTextPage(["县政府召开第十二次常务会议", PARAGRAPH]).meta.title).toBe("县政府召开第十二次常务会议");
  });

  it("keeps that headline out of the body", () => {
    expect(extractTextPage(["县政府召开第十二次常务会议", PARAGRAPH]).bodyLines).toEqual([PARAGRAPH]);
  });

  it("does not take a sentence above the first paragraph for a headline", () => {
    expect(extractTextPage(["同志们:", PARAGRAPH]).meta.title).toBeNull();
  });
});
