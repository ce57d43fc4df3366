import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normaliseText } from "../../../shared/parse/normalise-text";
import { extractedHtmlPage } from "./support/html-document";

// A TRS-style 政府信息公开 page: menu, breadcrumb, disclosure table, headline, byline, article, print bar, footer.
const PAGE = readFileSync(new URL("../../fixtures/disclosure-table.html", import.meta.url), "utf8");
const page = extractedHtmlPage(PAGE, (t) => normaliseText(t, "simplified"));

describe("extractHtmlPage on a government disclosure page", () => {
  it("reads page metadata from the CMS meta tags and the byline", () => {
    expect(page.meta).toEqual({
      title: "区政府第25次常务会议纪要",
      publishedDate: "2024-01-25",
      siteName: "常州市武进区人民政府",
      origin: "区政府办",
      url: "http://www.wj.gov.cn/html/wj/2024/abc.html",
      columnName: "会议纪要",
      extra: {},
    });
  });

  it("keeps the disclosure table as label-value lines ahead of the article", () => {
    expect(page.lines.slice(0, 2)).toEqual([
      "索 引 号: 014133058/2024-00008 主题分类: 机关事务",
      "发布机构: 政府办 发布日期: 2024-01-25",
    ]);
  });

  it("starts the body at the article's first paragraph", () => {
    expect(page.bodyLines[0]).toMatch(/^2023年12月25日上午,区长恽淇丞/);
  });

  it("ends the body before the print bar, 上一篇 and the footer", () => {
    expect(page.bodyLines.at(-1)).toBe("主 持:恽淇丞");
  });

  it.each(["首页", "您当前的位置", "打印本页", "关闭窗口", "分享到", "上一篇", "ICP备", "联系我们"])(
    "keeps %s out of lines",
    (text) => {
      expect(page.lines.join("\n")).not.toContain(text);
    },
  );

  it("ends lines with the body, a contiguous part of them", () => {
    expect(page.lines.slice(-page.bodyLines.length)).toEqual(page.bodyLines);
  });
});

describe("extractHtmlPage on other layouts", () => {
  const extract = (html: string) => extractedHtmlPage(html, (t) => normaliseText(t, "simplified"));

  it("drops a run of related-article links inside the article element (163-2)", () => {
    const html = `<h1>标题</h1><div class="post_text"><p>会议指出,要加强领导,密切配合,确保各项目标任务落到实处。</p><p><a href="/1">张文宏:上海零新增我很担心</a></p><p><a href="/2">李克强:最终战胜疫情的曙光就要出现了</a></p></div>`;
    expect(extract(html).bodyLines).toEqual(["会议指出,要加强领导,密切配合,确保各项目标任务落到实处。"]);
  });

  it("keeps attachment links listed under the article", () => {
    const html = `<h1>标题</h1><div class="content"><p>会议指出,要加强领导,密切配合,确保各项目标任务落到实处。</p><p><a href="/a.doc">附件1:实施方案.doc</a></p><p><a href="/b.pdf">附件2:责任分解表.pdf</a></p></div>`;
    expect(extract(html).bodyLines).toHaveLength(3);
  });

  it("drops a breadcrumb, headline and byline that open the article element", () => {
    const html = `<div class="main"><div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/x/">信息公开</a></div><h1 class="title">镇政府2024年第3次常务会议纪要</h1><div class="info">发布时间:2024-03-11 来源:镇人民政府</div><p>一、会议研究了2024年春耕备耕工作,要求各村提前摸清农资需求,确保不误农时。</p></div>`;
    expect(extract(html).bodyLines).toEqual([
      "一、会议研究了2024年春耕备耕工作,要求各村提前摸清农资需求,确保不误农时。",
    ]);
  });

  it("drops the headline repeated at the top of the article element (govcn-1)", () => {
    const html = `<title>关于批准特别国债的决议_中国政府网</title><div class="pages_content"><p><b>关于批准特别国债的决议</b></p><p>会议决定:批准发行15500亿元特别国债购买外汇,调整国债余额限额。</p></div>`;
    expect(extract(html).bodyLines).toEqual(["会议决定:批准发行15500亿元特别国债购买外汇,调整国债余额限额。"]);
  });
});
