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

describe("extractTextPage: what is never a headline", () => {
  const PARAGRAPH = "2021年3月3日,区长张明主持召开区政府第86次常务会议,现将会议讨论研究的有关事项纪要如下。";
  const titleOf = (...lines: string[]) => extractTextPage([...lines, PARAGRAPH]).meta.title;

  it.each([
    ["a reading-mode switch", "进入老年版"],
    ["a font widget", "字体:【大】 【小】"],
    ["a traditional-script switch", "English 繁体版 无障碍浏览"],
    ["a print bar", "【打印本页】 【关闭窗口】"],
    ["a date and time", "2020年11月27日20:22"],
    ["a reporter's byline", "记者 王小明 报道"],
    ["a caption label", "【资料图】"],
    ["mojibake", "??? 区政府召开常务会议"],
  ])("does not take %s for the headline", (_what, line) => {
    expect(titleOf(line)).toBeNull();
  });

  it("skips widgets and a colonless disclosure block to the headline under them", () => {
    expect(
      titleOf(
        "进入老年版",
        "索引号 11330283002979996P/2021-112711 组配分类 常务会议 主题分类 会议、会务",
        "发文日期 2021-03-04 成文日期 2021-03-04 发布机构 区政府办公室",
        "区政府召开第86次常务会议 张明主持",
        "字体:【大】 【小】",
      ),
    ).toBe("区政府召开第86次常务会议 张明主持");
  });

  it("drops a 主题分类: tail run into the headline line", () => {
    expect(titleOf("区政府召开第86次常务会议 主题分类: 会议")).toBe("区政府召开第86次常务会议");
  });

  it("reads a headline repeated under the breadcrumb once, and keeps it out of the body", () => {
    const page = extractTextPage([
      "当前位置:首页 > 政务公开 > 区政府召开第86次常务会议",
      "区政府召开第86次常务会议",
      "发布日期:2021-03-04",
      "区政府召开第86次常务会议",
      PARAGRAPH,
    ]);
    expect([page.meta.title, page.bodyLines]).toEqual(["区政府召开第86次常务会议", [PARAGRAPH]]);
  });

  it("takes the line above an unlabelled date line, and that date for publishedDate", () => {
    const page = extractTextPage(["黑龙江省委召开常委会会议 张明主持", "2020年11月27日20:22", PARAGRAPH]);
    expect([page.meta.title, page.meta.publishedDate]).toEqual(["黑龙江省委召开常委会会议 张明主持", "2020-11-27"]);
  });

  it("takes a byline of names and a date (王明 时政 市发改委 2017-04-29) for a date line", () => {
    const page = extractTextPage(["市发改委召开复核工作协调会", "王明 时政 市发改委 2017-04-29", PARAGRAPH]);
    expect([page.meta.title, page.meta.publishedDate]).toEqual(["市发改委召开复核工作协调会", "2017-04-29"]);
  });

  it("does not take a date bar at the top of the site for publishedDate", () => {
    const page = extractTextPage(["2026年11月29日 星期日", "• 首页", "县政府召开第十二次常务会议", PARAGRAPH]);
    expect([page.meta.title, page.meta.publishedDate]).toEqual(["县政府召开第十二次常务会议", null]);
  });

  it("reads a headline longer than a paragraph's length when a dated byline follows it", () => {
    const long = "2023年北部湾城市群六市政协跨区域协商座谈会在南宁召开 张三致辞 李四讲话 王五出席并作总结";
    const page = extractTextPage(["当前位置:首页 > 要闻 > 正文", long, "2023-12-08 | 来源:政协报", PARAGRAPH]);
    expect([page.meta.title, page.meta.publishedDate, page.meta.origin]).toEqual([long, "2023-12-08", "政协报"]);
  });

  it("runs the header past a slogan when a labelled date follows a few lines later", () => {
    const page = extractTextPage([
      "宣传人大制度 交流人大经验;推进民主法制建设 构建和谐文明家园。地震之后,家园依然美丽!",
      "信息搜索:",
      "州人大常委会机关公文处理办法",
      "来源:州人大",
      "访问量:",
      "更新日期:2024-01-12",
      PARAGRAPH,
    ]);
    expect([page.meta.title, page.meta.publishedDate, page.bodyLines]).toEqual([
      "州人大常委会机关公文处理办法",
      "2024-01-12",
      [PARAGRAPH],
    ]);
  });

  it("skips a notice's salutation to its headline", () => {
    expect(titleOf("市人民政府办公厅关于印发专题会议工作流程的通知", "各区、县人民政府,市政府各局、委、办:")).toBe(
      "市人民政府办公厅关于印发专题会议工作流程的通知",
    );
  });

  it("reads a stacked headline from its line that names the meeting", () => {
    expect(titleOf("省委召开常委会会议", "张明主持并讲话")).toBe("省委召开常委会会议");
  });
});

describe("extractTextPage: decks under the headline", () => {
  const PARAGRAPH = "6月9日,区长张明主持召开区政府第13次常务会议,深入学习贯彻国务院常务会议精神和有关会议精神。";
  it("keeps the deck lines under a headline out of the body", () => {
    const page = extractTextPage([
      "区政府召开第13次常务会议",
      "发布日期:2022-06-10 09:37 来源:区融媒体中心",
      "张明主持召开区政府第13次常务会议",
      "学习贯彻国务院常务会议精神",
      PARAGRAPH,
    ]);
    expect(page.bodyLines).toEqual([PARAGRAPH]);
  });
  it("keeps an item heading under the headline in the body, 一、…", () => {
    const page = extractTextPage(["区政府第13次常务会议纪要", "一、研究城市更新工作", PARAGRAPH]);
    expect(page.bodyLines).toEqual(["一、研究城市更新工作", PARAGRAPH]);
  });
});

describe("extractTextPage: origin", () => {
  it("reads the origin from a (来源:…) line under the article when the byline has none", () => {
    const page = extractTextPage([
      "县政协召开十届七次常委会会议",
      "11月3日上午,县政协十届七次常委会会议召开,县政协主席张明主持会议,听取有关工作情况通报。",
      "(来源:县人民政府网站)",
    ]);
    expect(page.meta.origin).toBe("县人民政府网站");
  });
});
