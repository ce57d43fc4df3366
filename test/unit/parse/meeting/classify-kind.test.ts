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

describe("classifyKind for documents that cite meetings (record.md, Kinds, in doubt)", () => {
  const held = { meetingName: "区政府第5次常务会议", meetingType: "government-executive" as const };
  it.each([
    "区人民政府常务会议议事规则",
    "县人民政府工作规则",
    "会议制度",
    "区人大常委会机关公文处理办法",
    "市人民政府专题会议工作流程(试行)",
    "市人民政府办公厅关于印发市政府专题会议工作流程的通知",
  ])("calls the rule or notice %s other even when it names a meeting", (title) => {
    expect(classifyKind(evidence({ title, ...held }))).toBe("other");
  });
  it("calls a text adopted at a meeting and hereby issued other, 经…常务会议通过，现予印发", () => {
    const lead = ["《县政府投资项目管理办法》已经县政府第5次常务会议通过,现予印发,请认真贯彻执行。"];
    expect(classifyKind(evidence({ lead, ...held }))).toBe("other");
  });
  it("calls a notice of a meeting still to come other, 关于召开…会议的通知", () => {
    expect(classifyKind(evidence({ title: "关于召开县第十八届人大常委会第9次会议的通知", ...held }))).toBe("other");
  });
  it("still calls a report of a meeting that adopted a rule news", () => {
    expect(classifyKind(evidence({ title: "区政府召开常务会议 审议议事规则", ...held }))).toBe("news");
  });
  it("still calls a 纪要 whose title cites a rule minutes", () => {
    expect(classifyKind(evidence({ title: "关于印发区政府第5次常务会议纪要的通知", ...held }))).toBe("minutes");
  });
});

describe("classifyKind for minutes without the word 纪要", () => {
  it.each([
    "2021年3月3日,区长主持召开区政府第86次常务会议,现将会议讨论研究的有关事项纪要如下。",
    "会议研究了以下事项:",
    "会议议定:",
    "现将议定事项如下:",
  ])("calls a lead with %s minutes", (line) => {
    expect(classifyKind(evidence({ lead: [line] }))).toBe("minutes");
  });
  it("does not call a news report that only mentions 会议纪要 minutes", () => {
    const lead = ["联席会议以会议纪要形式明确会议议定事项,重大事项及时向省政府报告。"];
    expect(classifyKind(evidence({ lead }))).toBe("other");
  });
});

describe("namesGovernmentActor", () => {
  it("counts a 政协 named before its place, 政协云南省第十二届委员会", () => {
    expect(namesGovernmentActor(["5月29日,政协云南省第十二届委员会第二十三次主席会议在昆明召开。"])).toBe(true);
  });
});
