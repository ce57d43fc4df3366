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

describe("extractAgenda on pages that do not number their items", () => {
  const NEWS = [
    "3月5日上午,县长王明主持召开县政府第12次常务会议。",
    "会议传达学习了全省安全生产电视电话会议精神。会议强调,要压实责任。",
    "会议听取并审议通过了《县城供水管网改造方案》。会议要求,县水务局抓紧实施。",
    "会议还研究了其他事项。",
  ];

  it("opens one item per sentence in which the meeting acts, in news too", () => {
    expect(extractAgenda(NEWS, false).map((i) => [i.seq, i.actions])).toEqual([
      [1, ["传达", "学习"]],
      [2, ["听取", "审议"]],
    ]);
  });
  it("gives each item the sentences up to the next act as its text", () => {
    expect(extractAgenda(NEWS, false)[0]?.text).toBe("会议强调,要压实责任。");
  });
  it("does not make an item of 会议还研究了其他事项", () => {
    expect(extractAgenda(["会议还研究了其他事项。"], false)).toEqual([]);
  });
  it("takes the subject after a run of acts, 听取并审议通过了X → X", () => {
    expect(extractAgenda(NEWS, false)[1]?.subject).toBe("《县城供水管网改造方案》");
  });
  it("reads 会议审议《…》 without 了, and 原则同意 opening the next sentence as the meeting's decision", () => {
    const [item] = extractAgenda(
      ["会议审议《县固废综合利用项目投资协议书(送审稿)》。原则同意该协议书,要求修改完善后签约。会议强调,要合理选址。"],
      true,
    );
    expect([item?.actions, item?.decision, item?.decisionText]).toEqual([
      ["审议"],
      "原则同意",
      "原则同意该协议书,要求修改完善后签约。",
    ]);
  });
  it("splits several acts in one paragraph into items, 会议研究了…。会议还听取了…", () => {
    const items = extractAgenda(["会议研究了城区停车场建设事宜。会议还听取了县消防救援大队的汇报。"], false);
    expect(items.map((i) => i.subject)).toEqual(["城区停车场建设事宜", "县消防救援大队的汇报"]);
  });
  it("reads the act from the clause before the meeting speaks again, 会议研究了X,会议决定…", () => {
    const [item] = extractAgenda(["会议研究了停车场建设事宜,会议决定由县住建局牵头编制规划。"], false);
    expect([item?.actions, item?.subject, item?.decisionText]).toEqual([
      ["研究"],
      "停车场建设事宜",
      "会议决定由县住建局牵头编制规划。",
    ]);
  });
  it("stops opening items at 100 and keeps the rest as the last item's text", () => {
    const items = extractAgenda(["会议研究了停车场建设事宜。".repeat(150)], false);
    expect([items.length, items[99]?.text.length]).toEqual([100, "会议研究了停车场建设事宜。".length * 50]);
  });
  it("does not open an item at a sentence that is not the meeting's act, 县长…主持召开会议,研究部署…", () => {
    expect(extractAgenda(["县长王明主持召开会议,研究部署防汛工作。会议强调,要压实责任。"], false)).toEqual([]);
  });
  it("opens no item at a page cut off after the verb, …会议还研究", () => {
    const items = extractAgenda(["会议听取了全市一季度经济运行情况汇报。会议还研究"], false);
    expect(items.map((i) => [i.seq, i.subject])).toEqual([[1, "全市一季度经济运行情况汇报"]]);
  });
  it("keeps a numbered item without a subject when text follows it, and numbers the items it keeps in order", () => {
    const items = extractAgenda(
      ["一、会议传达", "二、会议听取了", "会议指出,要压实责任。", "三、会议审议了《方案》"],
      true,
    );
    expect(items.map((i) => [i.seq, i.subject, i.text])).toEqual([
      [1, "", "会议指出,要压实责任。"],
      [2, "《方案》", ""],
    ]);
  });
});

describe("extractAgenda after a list intro", () => {
  it("reads numbered lines after 会议研究了以下事项: as items, with the intro's verb", () => {
    const items = extractAgenda(
      [
        "会议研究了以下事项:",
        "一、县教育局《关于新建城东小学的请示》",
        "会议同意县教育局提出的建设方案。",
        "二、县卫健委《关于乡镇卫生院改造的请示》",
        "会议原则同意,请县财政局统筹资金。",
      ],
      false,
    );
    expect(items.map((i) => [i.seq, i.actions, i.decision])).toEqual([
      [1, ["研究"], "同意"],
      [2, ["研究"], "原则同意"],
    ]);
  });
  it("reads the numbered decisions after 会议议定: as items with their decision text", () => {
    const items = extractAgenda(
      ["会议议定:", "一、原则通过《县城市容管理办法》,由县城管局印发实施。", "二、同意县财政局提出的预算调整方案。"],
      true,
    );
    expect(items.map((i) => [i.actions, i.decision, i.decisionText])).toEqual([
      [["议定"], "原则通过", "原则通过《县城市容管理办法》,由县城管局印发实施。"],
      [["议定"], "同意", "同意县财政局提出的预算调整方案。"],
    ]);
  });
  it("reads the (一) lines under section headings, 一、审议事项 / 二、通报事项, as items with the section's verb", () => {
    const items = extractAgenda(
      [
        "一、审议事项",
        "(一)《县城市容管理办法》",
        "会议原则同意县城管局提出的管理办法。",
        "(二)《县级储备粮管理办法》",
        "二、通报事项",
        "(一)一季度全县财政收支情况",
      ],
      true,
    );
    expect(items.map((i) => [i.seq, i.actions, i.subject])).toEqual([
      [1, ["审议"], "《县城市容管理办法》"],
      [2, ["审议"], "《县级储备粮管理办法》"],
      [3, ["通报"], "一季度全县财政收支情况"],
    ]);
  });
  it("reads each paragraph after 会议议定: as an item when none is numbered", () => {
    const items = extractAgenda(
      ["会议议定:", "同意县财政局提出的预算调整方案。", "原则通过《县城市容管理办法》,由县城管局印发实施。"],
      true,
    );
    expect(items.map((i) => [i.seq, i.actions, i.decision])).toEqual([
      [1, ["议定"], "同意"],
      [2, ["议定"], "原则通过"],
    ]);
  });
  it("reads a numbered 请示 heading as an item in minutes without an intro", () => {
    const items = extractAgenda(["一、县交通局关于农村公路养护资金的请示", "会议同意拨付养护资金。"], true);
    expect(items.map((i) => [i.subject, i.decision])).toEqual([["县交通局关于农村公路养护资金的请示", "同意"]]);
  });
  it("does not take a line ending in 的决定 for an intro", () => {
    expect(extractAgenda(["会议学习了关于加强安全生产的决定", "一、奋力完成全年目标任务"], true)).toHaveLength(1);
  });
});

describe("agenda decisions", () => {
  const decided = (text: string) => extractAgenda(["一、会议审议了《实施方案》", text], true)[0];

  it.each([
    ["会议原则同意区发改局提出的《实施方案》。", "原则同意"],
    ["会议同意区发改局提出的《实施方案》。", "同意"],
    ["会议审议并原则通过了《实施方案》。", "原则通过"],
    ["会议审议通过了《实施方案》。", "通过"],
    ["会议决定,同意区发改局提交的实施方案。", "同意"],
  ])("reads %s as %s", (text, decision) => {
    expect(decided(text)?.decision).toBe(decision);
  });
  it("keeps the deciding sentences as decisionText and leaves the others out", () => {
    const item = decided(
      "会议指出,要抓好落实。会议原则同意区发改局提出的《实施方案》,请修改完善后印发。会议强调,要压实责任。",
    );
    expect(item?.decisionText).toBe("会议原则同意区发改局提出的《实施方案》,请修改完善后印发。");
  });
  it("keeps a 会议决定 that approves nothing as decisionText, with no decision", () => {
    const item = decided("会议决定,由区国资中心牵头制定管理办法。");
    expect([item?.decision, item?.decisionText]).toEqual([null, "会议决定,由区国资中心牵头制定管理办法。"]);
  });
  it("does not read 通过 meaning 'by means of' as a decision", () => {
    const item = decided("会议要求,通过开展专项行动压实责任。");
    expect([item?.decision, item?.decisionText]).toEqual([null, null]);
  });
  it("does not read another body's consent, 经市政府同意, as the meeting's", () => {
    expect(decided("该方案已经市政府同意。")?.decision).toBeNull();
  });
  it("is null when nothing is decided", () => {
    expect(decided("会议指出,要抓好落实。")?.decisionText).toBeNull();
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
