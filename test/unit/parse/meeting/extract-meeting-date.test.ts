import { describe, expect, it } from "vitest";
import { extractMeetingDate } from "../../../../shared/parse/meeting/extract-meeting-date";

describe("extractMeetingDate", () => {
  it("reads a full date and the time of day, 2022年1月26日下午", () => {
    const d = extractMeetingDate(["2022年1月26日下午,在区机关815会议室"], "2022-01-28");
    expect([d.date, d.dateInferred, d.timeOfDay]).toEqual(["2022-01-26", false, "下午"]);
  });
  it("takes a missing year from publishedDate and flags it", () => {
    const d = extractMeetingDate(["10月9日下午,我区召开督查会。"], "2020-10-10");
    expect([d.date, d.dateInferred, d.warnings]).toEqual([
      "2020-10-09",
      true,
      ["meeting.date: year inferred from publishedDate"],
    ]);
  });
  it("uses the previous year when the day would fall after publication", () => {
    expect(extractMeetingDate(["12月30日上午,召开会议"], "2021-01-03").date).toBe("2020-12-30");
  });
  it("leaves the date null without a year or publishedDate, keeping the time of day", () => {
    const d = extractMeetingDate(["4月1日上午,钟楼区召开会议"], null);
    expect([d.date, d.timeOfDay]).toEqual([null, "上午"]);
  });
  it("reads dates in Chinese numerals, 二〇二三年三月十五日上午", () => {
    const d = extractMeetingDate(["二〇二三年三月十五日上午,县长主持召开会议"], null);
    expect([d.date, d.timeOfDay]).toEqual(["2023-03-15", "上午"]);
  });
  it("reads a Chinese-numeral year whose zero is typed ○, 二○二三年十月九日", () => {
    expect(extractMeetingDate(["二○二三年十月九日,县委书记主持召开县委常委会会议"], null).date).toBe("2023-10-09");
  });
  it("reads 晚 as 晚上", () => {
    expect(extractMeetingDate(["2023年5月6日晚,召开会议"], null).timeOfDay).toBe("晚上");
  });
  it("does not read month ranges as dates, 1—9月份", () => {
    expect(extractMeetingDate(["通报了1—9月份全区经济发展情况"], "2020-10-10").date).toBeNull();
  });
});
