import { describe, expect, it } from "vitest";
import { meetingLevel } from "../../../../shared/parse/meeting/meeting-level";

describe("meetingLevel", () => {
  it.each([
    ["市政府第18次常务会议", null, "市"],
    ["区委常委会2023年第38次会议", null, "区"],
    ["涞水县人民政府县长办公会议", null, "县"],
    ["市政协十四届第十次常委会议", null, "市"],
  ])("reads the level from the name %s", (name, chair, level) => {
    expect(meetingLevel(name, chair)).toBe(level);
  });
  it("falls back on the chair's post when the name has no level, 推进会 chaired by a 副县长", () => {
    expect(meetingLevel("优化营商环境工作推进会", "副县长")).toBe("县");
  });
  it("reads 县人大常委会主任 as 县", () => {
    expect(meetingLevel("三台县第十八届人民代表大会常务委员会第十五次会议", "县人大常委会主任")).toBe("县");
  });
  it("reads 自治区政府 and 自治区党委 as a province, not a district", () => {
    expect([meetingLevel("自治区政府2026年第1次常务会议", null), meetingLevel("自治区党委常委会会议", null)]).toEqual([
      "省",
      "省",
    ]);
  });
  it("reads 州政府 and a 州长 chair as the prefecture level 州", () => {
    expect([meetingLevel("州政府第12次常务会议", null), meetingLevel("专题会议", "州长")]).toEqual(["州", "州"]);
  });
  it("is null when neither says", () => {
    expect(meetingLevel("民营企业家座谈会", null)).toBeNull();
  });
});
