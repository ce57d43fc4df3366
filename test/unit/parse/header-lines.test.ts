import { describe, expect, it } from "vitest";
import { isBylineShaped } from "../../../shared/parse/byline";
import { isArticleOpener, isHeaderLine, readByline } from "../../../shared/parse/header-lines";

describe("readByline", () => {
  it("reads the date, the 来源 and the other labelled values of a byline (seed 002)", () => {
    expect(readByline(["发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区"])).toEqual({
      publishedDate: "2020-10-10",
      origin: "金坛手机台",
      extra: { 发布开发区: "江苏金坛经济开发区" },
    });
  });

  it("leaves the 政府信息公开 block to the meeting stage", () => {
    expect(readByline(["产生日期: 2022-01-27 发布日期: 2022-01-28 废止日期: 有效"]).extra).toEqual({});
  });

  it("keeps counters and font switches out of extra", () => {
    expect(readByline(["发布时间:2024-01-25 浏览次数:123 【字号:大 中 小】"]).extra).toEqual({});
  });

  it("ends the 来源 name at a clause mark when the byline runs on into the article", () => {
    expect(readByline(["来源:县融媒体中心,8月15日下午,受县长钮向东委托,常务副县长禹佳主持召开会议。"]).origin).toBe(
      "县融媒体中心",
    );
  });

  it("takes no 来源 from a run of text too long to name an outlet", () => {
    expect(readByline([`来源:${"县融媒体中心召开专题会议研究部署".repeat(5)}`]).origin).toBeNull();
  });

  it("ignores a 来源 value that names nothing (sxmu-1: 来源: |)", () => {
    expect(readByline(["来源: | 发布时间: 2018-05-17"]).origin).toBeNull();
  });
});

describe("bylines and openers", () => {
  it("takes a date-and-source line for a byline", () => {
    expect(isBylineShaped("2019-09-07 13:43:45 来源: 证券市场红周刊")).toBe(true);
  });

  it("does not take an event date opening the text for a byline (govcn-1)", () => {
    expect(isBylineShaped("(2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过)")).toBe(false);
  });

  it("takes the document number under a minutes headline for a header line (seed 000: 〔2022〕第1期)", () => {
    expect(isHeaderLine("〔2022〕第1期")).toBe(true);
  });

  it("keeps a bare date opening an article: it is the dateline of a speech (cmse-1)", () => {
    expect(isArticleOpener("2012年6月24日")).toBe(false);
  });

  it("drops a timestamp opening an article", () => {
    expect(isArticleOpener("2019-09-26 10:09:11")).toBe(true);
  });

  it("drops a relative date opening an article (readhub-1: 昨天)", () => {
    expect(isArticleOpener("昨天")).toBe(true);
  });
});
