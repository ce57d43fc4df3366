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
