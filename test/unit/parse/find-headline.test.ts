import { describe, expect, it } from "vitest";
import { findContentElement } from "../../../shared/parse/find-content-element";
import { findHeadline, headlineFromDocumentTitle } from "../../../shared/parse/find-headline";
import { readHtmlMetadata } from "../../../shared/parse/html-metadata";
import { htmlDocument } from "./support/html-document";

const ARTICLE =
  "<div class='content'><p>会议指出,要加强领导,密切配合,按照任务分解方案认真组织实施,确保各项目标任务落到实处。</p></div>";

function headline(html: string): string | undefined {
  const doc = htmlDocument(html);
  return findHeadline(doc, findContentElement(doc)?.element, readHtmlMetadata(doc.document))?.text;
}

describe("findHeadline", () => {
  it("takes the heading above the article that the <title> repeats", () => {
    const html = `<title>区政府第25次常务会议纪要_武进区人民政府</title><h1>武进区人民政府</h1><h1>区政府第25次常务会议纪要</h1>${ARTICLE}`;
    expect(headline(html)).toBe("区政府第25次常务会议纪要");
  });

  it("takes an unlabelled heading just above the article when <title> holds no headline (gsc-1)", () => {
    const html = `<title>新闻动态--中国地理学会官网</title><div class="title_la">首页 - 新闻动态</div><h5>2019年中国人文地理学术年会成功举行</h5>${ARTICLE}`;
    expect(headline(html)).toBe("2019年中国人文地理学术年会成功举行");
  });

  it("takes a title-classed element when the page has no heading tags (mingridapan-1)", () => {
    const html = `<title>明日股市预测--联合国贸发报告发布</title><div class="title-text">联合国贸发报告发布</div>${ARTICLE}`;
    expect(headline(html)).toBe("联合国贸发报告发布");
  });

  it("does not take a section label for a headline", () => {
    const html = `<title>区政府常务会议纪要</title>${ARTICLE}<h2>相关文章</h2>`;
    expect(headline(html)).toBe("区政府常务会议纪要");
  });

  it("falls back to ArticleTitle metadata", () => {
    const html = `<meta name="ArticleTitle" content="区政府常务会议纪要"><title>首页</title>${ARTICLE}`;
    expect(headline(html)).toBe("区政府常务会议纪要");
  });

  it("takes no headline from a <title> or og:title thousands of characters long (a broken template)", () => {
    const long = "区政府召开常务会议".repeat(3000);
    expect(headline(`<title>${long}</title>${ARTICLE}`)).toBeUndefined();
    expect(headline(`<meta property="og:title" content="${long}"><title>${long}</title>${ARTICLE}`)).toBeUndefined();
    // past a long og:title, a <title> of headline size still counts
    expect(headline(`<meta property="og:title" content="${long}"><title>区政府常务会议纪要</title>${ARTICLE}`)).toBe(
      "区政府常务会议纪要",
    );
  });
});

describe("headlineFromDocumentTitle", () => {
  it("drops channel and site suffixes, 标题_频道_网站 → 标题", () => {
    expect(headlineFromDocumentTitle("女童眼睛被塞几十片纸_凤凰网资讯_凤凰网")).toBe("女童眼睛被塞几十片纸");
  });

  it("keeps a hyphen between digits, 1-10月 (gzggw-1)", () => {
    expect(headlineFromDocumentTitle("1-10月德清县固定资产投资结构趋稳趋优")).toBe(
      "1-10月德清县固定资产投资结构趋稳趋优",
    );
  });

  it("picks the headline after a prefix, 明日股市预测--标题 (mingridapan-1)", () => {
    expect(headlineFromDocumentTitle("明日股市预测--最新出炉联合国贸发报告:2019年全球经济增长率降至2.3%")).toBe(
      "最新出炉联合国贸发报告:2019年全球经济增长率降至2.3%",
    );
  });
});
