import { describe, expect, it } from "vitest";
import { classifyMeetingType } from "../../../../shared/parse/meeting/classify-meeting-type";

describe("classifyMeetingType", () => {
  it.each([
    ["区政府2022年度第1次常务会议", "government-executive"],
    ["市政府第十一次常务会议", "government-executive"],
    ["中共贾汪区委常委会(扩大)会议", "party-standing-committee"],
    ["县委常委会会议", "party-standing-committee"],
    ["区十七届人大常委会第二十五次会议", "congress-standing-committee"],
    ["区政协十届常委会议", "cppcc-standing-committee"],
    ["四套班子领导干部(扩大)会议", "leadership-joint"],
    ["“两个加快全面决战年”第三次督查会", "work-meeting"],
    ["全区安全生产工作会议", "work-meeting"],
    ["民营企业座谈会", "work-meeting"],
    ["理论学习中心组学习会议", "other"],
  ])("classifies %s as %s", (name, type) => {
    expect(classifyMeetingType(name)).toBe(type);
  });
});

describe("classifyMeetingType for names seen on other sites", () => {
  it("reads a 人大 standing committee with its term in between, 县人大第十八届常委会第二十七次会议", () => {
    expect(classifyMeetingType("县人大第十八届常委会第二十七次会议")).toBe("congress-standing-committee");
  });
  it("reads a leading group's meeting as a work meeting, 创建文明城区领导小组办公室会议", () => {
    expect(classifyMeetingType("创建文明城区领导小组办公室会议")).toBe("work-meeting");
  });
});
