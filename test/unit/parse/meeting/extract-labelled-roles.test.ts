import { describe, expect, it } from "vitest";
import { extractLabelledRoles } from "../../../../shared/parse/meeting/extract-labelled-roles";

const names = (refs: { name: string }[]) => refs.map((r) => r.name);

describe("extractLabelledRoles", () => {
  it("reads 参加人员 and 列席人员 lists on one line each", () => {
    const roles = extractLabelledRoles(["参加人员:李超鲲、孙益锋", "列席人员:陈建中、杨 伟"]);
    expect([names(roles.attendees), names(roles.observers)]).toEqual([
      ["李超鲲", "孙益锋"],
      ["陈建中", "杨伟"],
    ]);
  });
  it("reads padded labels, 主    持 and 记    录", () => {
    const roles = extractLabelledRoles(["主 持:李超鲲", "记 录:时以亮"]);
    expect([roles.chair, roles.recorder]).toEqual(["李超鲲", "时以亮"]);
  });
  it("follows a list that wraps over unlabelled lines", () => {
    const roles = extractLabelledRoles(["出 席:恽淇丞 赵 钢 孙益锋", "朱小平 朱慧峰", "列 席:赵少华 田 华"]);
    expect(names(roles.attendees)).toEqual(["恽淇丞", "赵钢", "孙益锋", "朱小平", "朱慧峰"]);
  });
  it("stops a wrapped list at the next sentence", () => {
    const roles = extractLabelledRoles(["出席:王五 李四", "常州市武进区人民政府办公室整理"]);
    expect(names(roles.attendees)).toEqual(["王五", "李四"]);
  });
  it("reads two labels sharing a line, 主持:李超鲲 记录:时以亮", () => {
    const roles = extractLabelledRoles(["主持:李超鲲 记录:时以亮"]);
    expect([roles.chair, roles.recorder]).toEqual(["李超鲲", "时以亮"]);
  });
  it("reads a chair written with a post, 主持:区长李超鲲", () => {
    expect(extractLabelledRoles(["主持:区长李超鲲"]).chair).toBe("李超鲲");
  });
  it("reads the chair's post from the label, 主持人:孟凡军(县长) and 主持:区长李超鲲", () => {
    const noted = extractLabelledRoles(["主 持 人:孟凡军(县长)"]);
    const posted = extractLabelledRoles(["主持:区长李超鲲"]);
    expect([noted.chair, noted.chairTitle, posted.chair, posted.chairTitle]).toEqual([
      "孟凡军",
      "县长",
      "李超鲲",
      "区长",
    ]);
  });
  it("keeps a non-post note out of the chair's title", () => {
    expect(extractLabelledRoles(["主持:王五(代)"]).chairTitle).toBeNull();
  });
  it("reads list items written post-first, keeping the post as the note", () => {
    const roles = extractLabelledRoles([
      "列席人员:县发改局局长陶建平,县自然资源和规划局局长尹志强,县委办、县政府办有关负责同志",
    ]);
    expect(roles.observers).toEqual([
      { name: "陶建平", note: "县发改局局长" },
      { name: "尹志强", note: "县自然资源和规划局局长" },
    ]);
  });
  it("keeps the absent (请假) out of every list", () => {
    const roles = extractLabelledRoles(["出席人员:吴海涛 刘 畅", "请 假:葛 磊(副县长,在省委党校学习)"]);
    expect([names(roles.attendees), names(roles.observers)]).toEqual([["吴海涛", "刘畅"], []]);
  });
  it("reads the labelled time and place of minutes, 会议时间 and 会议地点", () => {
    const roles = extractLabelledRoles(["会议时间:2023年4月11日下午", "会议地点:县政府第二会议室"]);
    expect([roles.time, roles.place]).toEqual(["2023年4月11日下午", "县政府第二会议室"]);
  });
  it("ends the labelled place at its sentence, 地点:区政府三楼会议室。会议听取了…", () => {
    expect(extractLabelledRoles(["地点:区政府三楼会议室。会议听取了区发改局的汇报。"]).place).toBe("区政府三楼会议室");
  });
  it("leaves out, with a warning, a labelled place that is text rather than a place", () => {
    const repeated = extractLabelledRoles([`地点:${"地点:".repeat(1000)}`]);
    const paragraph = extractLabelledRoles([`地点:${"区政府三楼会议室研究部署全区经济工作".repeat(10)}`]);
    for (const roles of [repeated, paragraph]) {
      expect(roles.place).toBeNull();
      expect(roles.warnings).toEqual([expect.stringMatching(/^meeting\.location: the labelled place .* is no place/)]);
    }
  });
  it("does not take a byline's bare 时间: for the meeting's time", () => {
    expect(extractLabelledRoles(["时间:2023-08-25 18:02 来源:天河区融媒体中心"]).time).toBeNull();
  });
  it("takes a bare 时间: beside a 地点: label", () => {
    expect(extractLabelledRoles(["时间:2023年4月11日下午 地点:县政府第二会议室"]).time).toBe("2023年4月11日下午");
  });
  it("reads the rows of a minutes table, labels without colons", () => {
    const roles = extractLabelledRoles([
      "会议时间 2024年3月6日上午",
      "会议地点 镇政府二楼会议室",
      "主 持 人 刘德胜(镇长)",
      "参会人员 王建军、陈丽、赵宏伟、孙涛",
      "记 录 人 杨帆",
    ]);
    expect([roles.time, roles.place, roles.chair, roles.chairTitle, names(roles.attendees), roles.recorder]).toEqual([
      "2024年3月6日上午",
      "镇政府二楼会议室",
      "刘德胜",
      "镇长",
      ["王建军", "陈丽", "赵宏伟", "孙涛"],
      "杨帆",
    ]);
  });
  it("reads a four-column table row, 会议时间 … 会议地点 …", () => {
    const roles = extractLabelledRoles(["会议时间 2024年3月6日上午 会议地点 镇政府二楼会议室"]);
    expect([roles.time, roles.place]).toEqual(["2024年3月6日上午", "镇政府二楼会议室"]);
  });
  it("does not wrap a list onto the next label's line, 记 录 人 杨帆", () => {
    const roles = extractLabelledRoles(["列席人员 镇党政办、财政所负责人", "记 录 人 杨帆"]);
    expect([names(roles.observers), roles.recorder]).toEqual([[], "杨帆"]);
  });
  it("reads observer notes in full-width parentheses", () => {
    const roles = extractLabelledRoles(["列席:包建芬（区人大代表）、刘理（区政协委员）"]);
    expect(roles.observers).toEqual([
      { name: "包建芬", note: "区人大代表" },
      { name: "刘理", note: "区政协委员" },
    ]);
  });
  it("leaves out listed units, 区发改局", () => {
    expect(names(extractLabelledRoles(["列席:王五、区发改局"]).observers)).toEqual(["王五"]);
  });
});
