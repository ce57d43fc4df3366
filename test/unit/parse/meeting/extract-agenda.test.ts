import { describe, expect, it } from "vitest";
import { agendaActions, documentTitles, extractAgenda } from "../../../../shared/parse/meeting/extract-agenda";

const MINUTES = [
  "2022年1月26日下午,区长李超鲲主持召开区政府常务会议,现纪要如下:",
  "一、会议审议了《2022年<政府工作报告>主要目标任务责任分解表》《2022年重大民生实事项目目标任务责任分解表》",
  "会议指出,各牵头单位要进一步增强工作责任感。",
  "会议原则同意区政府办提出的《2022年<政府工作报告>主要目标任务责任分解表》。",
  "二、会议研究了2022年产业发展大会表彰建议名单",
  "会议原则同意区委组织部、区发改局提出的表彰建议名单。",
  "三、会议通报了全区信访工作情况",
  "出席:李超鲲、孙益锋",
];

describe("extractAgenda", () => {
  it("makes one item per numbered heading with an agenda verb", () => {
    expect(extractAgenda(MINUTES, true).map((i) => i.seq)).toEqual([1, 2, 3]);
  });
  it("reads the actions of each heading, including 研究 and 通报", () => {
    expect(extractAgenda(MINUTES, true).map((i) => i.actions)).toEqual([["审议"], ["研究"], ["通报"]]);
  });
  it("keeps 《…<…>…》 document titles whole", () => {
    expect(extractAgenda(MINUTES, true)[0]?.documents).toEqual([
      "2022年<政府工作报告>主要目标任务责任分解表",
      "2022年重大民生实事项目目标任务责任分解表",
    ]);
  });
  it("takes the subject from the heading after the verb", () => {
    expect(extractAgenda(MINUTES, true)[1]?.subject).toBe("2022年产业发展大会表彰建议名单");
  });
  it("splits a list of proposers, 区委组织部、区发改局", () => {
    expect(extractAgenda(MINUTES, true)[1]?.proposedBy).toEqual(["区委组织部", "区发改局"]);
  });
  it("reads 原则同意 as the decision, and null when nothing is decided", () => {
    expect(extractAgenda(MINUTES, true).map((i) => i.decision)).toEqual(["原则同意", "原则同意", null]);
  });
  it("keeps the item's paragraphs as its text and stops at the participant labels", () => {
    expect(extractAgenda(MINUTES, true)[2]?.text).toBe("");
  });
  it("reads 同意 without 原则 as 同意", () => {
    const [item] = extractAgenda(["一、会议审议了《方案》", "会议同意区财政局提出的《方案》。"], true);
    expect(item?.decision).toBe("同意");
  });
  it("reads topic headings, 一、关于…, with the act from the first paragraph", () => {
    const [item] = extractAgenda(
      ["一、关于2022年预算执行情况", "会议听取了区财政局关于预算执行情况的汇报。会议原则同意。"],
      true,
    );
    expect([item?.actions, item?.subject, item?.decision]).toEqual([["听取"], "2022年预算执行情况", "原则同意"]);
  });
  it("splits a heading run together with its first paragraph", () => {
    const [item] = extractAgenda(["一、会议审议了《实施方案》。会议原则同意区发改局提出的《实施方案》。"], true);
    expect([item?.subject, item?.proposedBy, item?.text]).toEqual([
      "《实施方案》",
      ["区发改局"],
      "会议原则同意区发改局提出的《实施方案》。",
    ]);
  });
  it("does not turn speech points without an agenda verb into items", () => {
    expect(extractAgenda(["一、奋力完成全年目标任务", "狄志强指出,…", "二、科学谋划“十四五”发展"], true)).toEqual([]);
  });
  it("in news, only counts headings where the meeting does the act", () => {
    expect(extractAgenda(["一、研究部署重点工作", "…"], false)).toEqual([]);
  });
  it("reads (一)-numbered items when no 一、 heading is an item", () => {
    const items = extractAgenda(
      [
        "(一)研究了县城区集中供热管网改造工程有关事宜。",
        "会议同意县住建局提出的改造方案。",
        "(二)通报了一季度财政收支情况。",
      ],
      true,
    );
    expect(items.map((i) => [i.seq, i.actions, i.decision])).toEqual([
      [1, ["研究"], "同意"],
      [2, ["通报"], null],
    ]);
  });
  it("keeps (一) points inside 一、 items as text, not items", () => {
    const items = extractAgenda(
      ["一、会议研究了安全生产工作", "(一)研究制定隐患排查方案。", "二、会议听取了汇报"],
      true,
    );
    expect(items.map((i) => i.actions)).toEqual([["研究"], ["听取"]]);
  });
  it("does not end the agenda at participant labels printed above the items", () => {
    const items = extractAgenda(["主持人:孟凡军(县长)", "出席人员:吴海涛", "(一)研究了供热改造事宜。"], true);
    expect(items).toHaveLength(1);
  });
  it("reads 会议决定,同意… as 同意, and a 会议决定 that approves nothing as no decision", () => {
    const items = extractAgenda(
      [
        "一、研究《实施意见》",
        "会议决定,同意区发改局提交的实施意见。",
        "二、研究薪酬管理事项",
        "会议决定,由区国资中心牵头制定办法。",
      ],
      true,
    );
    expect(items.map((i) => [i.decision, i.proposedBy])).toEqual([
      ["同意", ["区发改局"]],
      [null, []],
    ]);
  });
  it("reads unnumbered minutes, one item per 会议…了 paragraph", () => {
    const items = extractAgenda(["会议听取了区财政局关于预算执行情况的汇报。", "会议原则同意。", "出席:王五"], true);
    expect(items.map((i) => [i.actions, i.decision])).toEqual([[["听取"], "原则同意"]]);
  });
});

describe("agendaActions", () => {
  it("reads two verbs in order, 听取了…并审议了《…》", () => {
    expect(agendaActions("会议听取了2023年重点民生实事项目实施情况报告并审议了《2024年候选项目》")).toEqual([
      "听取",
      "审议",
    ]);
  });
  it("reads verbs run together as separate actions, 传达学习了 and 研究讨论《…》", () => {
    expect([
      agendaActions("会议传达学习了全省安全生产电视电话会议精神,听取了县应急局的汇报"),
      agendaActions("研究讨论《工作方案》"),
    ]).toEqual([
      ["传达", "学习", "听取"],
      ["研究", "讨论"],
    ]);
  });
  it("reads a verb followed straight by a title or a figure, 研究《…》 and 通报2023年…", () => {
    expect([
      agendaActions("研究《实施意见》和《若干措施》"),
      agendaActions("通报2023年上半年全区经济运行情况"),
    ]).toEqual([["研究"], ["通报"]]);
  });
  it("ignores verbs inside document titles", () => {
    expect(agendaActions("会议审议了《关于研究制定产业政策的意见》")).toEqual(["审议"]);
  });
  it("ignores verbs inside organisation names, 区政府研究室", () => {
    expect(agendaActions("会议审议了区政府研究室起草的报告")).toEqual(["审议"]);
  });
});

describe("documentTitles", () => {
  it("keeps nested 《…《…》…》 titles whole", () => {
    expect(documentTitles("《关于印发《实施办法》的通知》")).toEqual(["关于印发《实施办法》的通知"]);
  });
});
