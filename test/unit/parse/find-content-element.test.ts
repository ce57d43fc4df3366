import { describe, expect, it } from "vitest";
import { findContentElement } from "../../../shared/parse/find-content-element";
import { htmlDocument } from "./support/html-document";

const PARAGRAPH = "会议指出,要加强领导,密切配合,按照任务分解方案认真组织实施,确保各项目标任务落到实处。";

function chosen(html: string): string | undefined {
  return findContentElement(htmlDocument(html))?.element.el.attribs.id;
}

describe("findContentElement", () => {
  it("picks the element holding the article's paragraphs", () => {
    const html = `<body><div id="nav"><a>首页</a><a>政务公开</a></div><div id="article"><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></div><div id="footer">版权所有</div></body>`;
    expect(chosen(html)).toBe("article");
  });

  it("picks a table cell whose paragraphs are separated by <br> (old government CMSs)", () => {
    const html = `<table><tr><td id="menu"><a>通知公告</a><br><a>政策法规</a></td><td id="text">${PARAGRAPH}<br>${PARAGRAPH}<br>${PARAGRAPH}</td></tr></table>`;
    expect(chosen(html)).toBe("text");
  });

  it("prefers the article to a longer list of related links", () => {
    const links = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/${i}">${PARAGRAPH.slice(0, 20)}${i}</a></li>`,
    ).join("");
    const html = `<div id="article"><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></div><ul id="related">${links}</ul>`;
    expect(chosen(html)).toBe("article");
  });

  it("prefers the article to a comment list of equal length, from their class names", () => {
    const html = `<div id="a" class="article-content"><p>${PARAGRAPH}</p></div><div id="c" class="comment-list"><p>${PARAGRAPH}</p></div>`;
    expect(chosen(html)).toBe("a");
  });

  it("finds nothing in a page without text", () => {
    expect(findContentElement(htmlDocument("<div><img src='a.png'></div>"))).toBeUndefined();
  });
});
