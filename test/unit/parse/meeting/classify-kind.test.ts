import { describe, expect, it } from "vitest";
import { classifyKind, type KindEvidence, namesGovernmentActor } from "../../../../shared/parse/meeting/classify-kind";

const evidence = (over: Partial<KindEvidence>): KindEvidence => ({
  title: null,
  genre: null,
  lead: [],
  meetingName: null,
  meetingType: null,
  hasGovernmentActor: false,
  hasLabelledParticipants: false,
  ...over,
});

describe("classifyKind", () => {
  it("calls a 会议纪要 title minutes", () => {
    expect(classifyKind(evidence({ title: "区政府第25次常务会议纪要" }))).toBe("minutes");
  });
  it("calls a disclosure genre of 会议纪要 minutes", () => {
    expect(classifyKind(evidence({ genre: "会议纪要" }))).toBe("minutes");
  });
  it("calls the formula 现纪要如下 minutes", () => {
    expect(classifyKind(evidence({ lead: ["区长主持召开常务会议,现纪要如下:"] }))).toBe("minutes");
  });
  it("calls a page that names a government meeting being held news", () => {
    expect(classifyKind(evidence({ meetingName: "第三次督查会", meetingType: "work-meeting" }))).toBe("news");
  });
  it("calls a meeting of another type news when a government actor holds it", () => {
    expect(
      classifyKind(evidence({ meetingName: "理论学习会议", meetingType: "other", hasGovernmentActor: true })),
    ).toBe("news");
  });
  it("calls a product launch other, 发布会", () => {
    expect(classifyKind(evidence({ meetingName: "发布会", meetingType: "other" }))).toBe("other");
  });
  it("calls anything else other", () => {
    expect(classifyKind(evidence({ title: "英国美女在殡仪馆工作太痛苦" }))).toBe("other");
  });
});

describe("namesGovernmentActor", () => {
  it("sees a territorial post holder, 区委书记杨明主持召开", () => {
    expect(namesGovernmentActor(["区委书记杨明主持召开中共贾汪区委常委会(扩大)会议"])).toBe(true);
  });
  it("does not count a university's party secretary", () => {
    expect(namesGovernmentActor(["西南大学党委书记李旭锋教授参加开幕式"])).toBe(false);
  });
});
