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

describe("extractMeetingDate for dates the text leaves incomplete", () => {
  it("resolves a day-only date, 27日下午, in the month of publication and flags it", () => {
    const d = extractMeetingDate(["27日下午,省委书记主持召开省委常委会会议"], "2020-11-27");
    expect([d.date, d.dateInferred, d.timeOfDay]).toEqual(["2020-11-27", true, "下午"]);
  });
  it("puts a day after the publication day in the month before, 28日 published on 2 March", () => {
    expect(extractMeetingDate(["28日上午,召开会议"], "2021-03-02").date).toBe("2021-02-28");
  });
  it("puts a day after the publication day in January in December of the year before", () => {
    expect(extractMeetingDate(["30日上午,召开会议"], "2022-01-03").date).toBe("2021-12-30");
  });
  it("resolves 今天上午 against the publication date", () => {
    const d = extractMeetingDate(["今天上午,市长主持召开市政府常务会议"], "2022-05-06");
    expect([d.date, d.dateInferred, d.timeOfDay]).toEqual(["2022-05-06", true, "上午"]);
  });
  it("resolves 昨天下午 to the day before publication", () => {
    expect(extractMeetingDate(["昨天下午,区委常委会召开会议"], "2022-03-01").date).toBe("2022-02-28");
  });
  it("keeps the time of day of a relative date without a publication date", () => {
    const d = extractMeetingDate(["昨天下午,区委常委会召开会议"], null);
    expect([d.date, d.timeOfDay]).toEqual([null, "下午"]);
  });
  it("gives null and a warning for a malformed date, 2020929日", () => {
    const d = extractMeetingDate(["2020929日上午,县长主持召开县政府常务会议"], "2020-09-30");
    expect([d.date, d.dateInferred, d.timeOfDay, d.warnings]).toEqual([
      null,
      false,
      "上午",
      ['meeting.date: unreadable date "2020929日上午"'],
    ]);
  });
  it("takes the year from the meeting's name when nothing else gives one", () => {
    const d = extractMeetingDate(
      ["1月15日,主持召开自治区政府2026年第1次常务会议"],
      null,
      "自治区政府2026年第1次常务会议",
    );
    expect([d.date, d.dateInferred]).toEqual(["2026-01-15", true]);
  });
  it("prefers the publication date to the year in the name", () => {
    expect(extractMeetingDate(["12月30日,召开2021年第9次会议"], "2022-01-02", "2021年第9次会议").date).toBe(
      "2021-12-30",
    );
  });
  it("does not read a room number as a day, 3号楼", () => {
    expect(extractMeetingDate(["在3号楼会议室召开会议"], "2022-01-02").date).toBeNull();
  });
});
