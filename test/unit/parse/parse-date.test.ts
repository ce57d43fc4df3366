import { describe, expect, it } from "vitest";
import { findDates, isoDate, parseDateValue, resolveRelativeDate } from "../../../shared/parse/parse-date";

describe("findDates", () => {
  it.each([
    ["发布日期:2022-01-28", "2022-01-28"],
    ["2022/1/8 09:30", "2022-01-08"],
    ["2007.08.20", "2007-08-20"],
    ["2022年1月26日下午", "2022-01-26"],
    ["2022 年 1 月 26 日", "2022-01-26"],
    ["二〇二二年一月二十七日", "2022-01-27"],
    ["二〇二一年十二月三十一日", "2021-12-31"],
    ["二○二三年十月九日", "2023-10-09"],
    ["二O二三年十月十日", "2023-10-10"],
  ])("reads %s as %s", (text, iso) => {
    expect(findDates(text).map((d) => d.iso)).toEqual([iso]);
  });

  it("ignores impossible dates such as 2022-02-30", () => {
    expect(findDates("2022-02-30")).toEqual([]);
  });

  it("ignores digit runs inside longer numbers (索引号 014119467/2022-00235)", () => {
    expect(findDates("014119467/2022-00235")).toEqual([]);
  });

  it("returns dates in the order they appear", () => {
    expect(findDates("产生日期: 2022-01-27 发布日期: 2022-01-28").map((d) => d.iso)).toEqual([
      "2022-01-27",
      "2022-01-28",
    ]);
  });
});

describe("parseDateValue", () => {
  it("reads an ISO instant in China time, 2019-09-07T20:00:00Z → 2019-09-08", () => {
    expect(parseDateValue("2019-09-07T20:00:00Z")).toBe("2019-09-08");
  });

  it("reads an ISO instant with an offset, 2019-09-07T13:43:45+08:00 → 2019-09-07", () => {
    expect(parseDateValue("2019-09-07T13:43:45+08:00")).toBe("2019-09-07");
  });

  it("reads epoch seconds in China time", () => {
    expect(parseDateValue("1581604666")).toBe("2020-02-13");
  });

  it("reads a CMS date with a glued time, 2007-08-20-23:59:59 → 2007-08-20 (govcn-1)", () => {
    expect(parseDateValue("2007-08-20-23:59:59")).toBe("2007-08-20");
  });

  it("answers null for text without a date", () => {
    expect(parseDateValue("昨天")).toBeNull();
  });
});

describe("resolveRelativeDate", () => {
  const renderedAt = Date.parse("2020-02-13T14:37:46Z"); // 22:37 in Beijing

  it("resolves 昨天 against the page's clock (wechat-1)", () => {
    expect(resolveRelativeDate("昨天", renderedAt)).toBe("2020-02-12");
  });

  it("resolves N天前", () => {
    expect(resolveRelativeDate("3天前", renderedAt)).toBe("2020-02-10");
  });

  it("answers null without a relative date", () => {
    expect(resolveRelativeDate("发布时间", renderedAt)).toBeNull();
  });
});

describe("isoDate", () => {
  it("pads month and day", () => {
    expect(isoDate(2022, 1, 8)).toBe("2022-01-08");
  });

  it("rejects years before 1949", () => {
    expect(isoDate(1900, 1, 1)).toBeNull();
  });

  it("accepts next year, for a meeting announced ahead, and rejects any later year (2099-12-31 is no page's date)", () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(isoDate(nextYear, 1, 5)).toBe(`${nextYear}-01-05`);
    expect(isoDate(nextYear + 1, 1, 5)).toBeNull();
    expect(findDates("有效期至:2099-12-31 发布日期:2022-01-28").map((d) => d.iso)).toEqual(["2022-01-28"]);
  });
});
