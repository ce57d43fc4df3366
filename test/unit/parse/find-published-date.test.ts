import { describe, expect, it } from "vitest";
import { findContentElement } from "../../../shared/parse/find-content-element";
import { findHeadline } from "../../../shared/parse/find-headline";
import { findPublishedDate } from "../../../shared/parse/find-published-date";
import { htmlLines } from "../../../shared/parse/html-lines";
import { readHtmlMetadata } from "../../../shared/parse/html-metadata";
import { htmlDocument } from "./support/html-document";

const ARTICLE =
  "<div class='content'><p>会议指出,要加强领导,密切配合,按照任务分解方案认真组织实施,确保各项目标任务落到实处。</p></div>";

function published(html: string) {
  const doc = htmlDocument(html);
  const content = findContentElement(doc)?.element;
  const metadata = readHtmlMetadata(doc.document);
  return findPublishedDate(html, htmlLines(doc, content), findHeadline(doc, content, metadata), content, metadata);
}

describe("findPublishedDate", () => {
  it("reads the date line under the headline", () => {
    expect(published(`<h1>区政府常务会议纪要</h1><div>发布时间:2024-01-25 来源:政府办</div>${ARTICLE}`)).toEqual({
      date: "2024-01-25",
      source: "page",
    });
  });

  it("prefers the visible date line to metadata", () => {
    const html = `<meta name="PubDate" content="2019-03-22"><h1>区政府常务会议纪要</h1><div>2016-11-22 09:53</div>${ARTICLE}`;
    expect(published(html)?.date).toBe("2016-11-22");
  });

  it("does not take the date under a notice's signature for the publication date", () => {
    const html = `<meta name="PubDate" content="2023-12-27 15:40"><h1>关于印发《安全生产工作方案》的通知</h1><div class="content"><p>各乡(镇)人民政府,县政府各部门:</p><p>现印发给你们,请认真抓好贯彻落实。</p><p>修水县人民政府办公室</p><p>2023年12月25日</p><p>为切实做好元旦春节期间安全生产工作,有效防范和坚决遏制各类生产安全事故发生,结合我县实际,制定本方案。</p></div>`;
    expect(published(html)).toEqual({ date: "2023-12-27", source: "meta" });
  });

  it("still reads a date line opening the article", () => {
    const html = `<h1>区政府常务会议纪要</h1><div class="content"><p>2024-01-25 09:30</p><p>会议指出,要加强领导,密切配合,按照任务分解方案认真组织实施,确保各项目标任务落到实处。</p></div>`;
    expect(published(html)?.date).toBe("2024-01-25");
  });

  it("does not take an event date opening the article for the publication date (govcn-1)", () => {
    const html = `<meta name="firstpublishedtime" content="2007-08-20-23:59:59"><title>关于批准国债的决议</title><div class="content"><p>(2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过)</p><p>会议决定:批准发行特别国债,调整国债余额限额。会议同意国务院提出的议案。</p></div>`;
    expect(published(html)).toEqual({ date: "2007-08-20", source: "meta" });
  });

  it("reads a labelled date line placed under the article (cjddsb-1)", () => {
    expect(published(`<h1>区政府常务会议纪要</h1>${ARTICLE}<footer>发布日期:2019-09-23 14:34:05</footer>`)?.date).toBe(
      "2019-09-23",
    );
  });

  it("reads a publication date from script data (readhub-1)", () => {
    const html = `<h1>区政府常务会议纪要</h1>${ARTICLE}<script>window.__data={"publishDate": "2019-09-07T00:31:40.109Z"}</script>`;
    expect(published(html)).toEqual({ date: "2019-09-07", source: "script" });
  });

  it("resolves 昨天 against the page's clock in its script data (wechat-1)", () => {
    const html = `<h2 class="title">区政府常务会议纪要</h2><em id="publish_time">昨天</em>${ARTICLE}<script>var svr_time = "1581604666" * 1;</script>`;
    expect(published(html)).toEqual({ date: "2020-02-12", source: "relative" });
  });

  it("answers null when the page states no date", () => {
    expect(published(`<h1>区政府常务会议纪要</h1>${ARTICLE}`)).toBeNull();
  });
});
