import { describe, expect, it } from "vitest";
import { findPostedNames, readNameAt } from "../../../../shared/parse/meeting/find-posted-names";

const first = (text: string) => {
  const m = findPostedNames(text)[0];
  return m ? { name: m.name, titles: m.titles } : null;
};

describe("findPostedNames", () => {
  it("reads a post and a name, 区委书记狄志强要求 → 狄志强", () => {
    expect(first("区委书记狄志强要求全区上下")).toEqual({ name: "狄志强", titles: ["区委书记"] });
  });
  it("splits a chain of posts, 区委副书记、代区长陆秋明", () => {
    expect(first("区委副书记、代区长陆秋明主持会议")).toEqual({ name: "陆秋明", titles: ["区委副书记", "代区长"] });
  });
  it("does not eat the verb after a two-character name, 杨明主持 → 杨明", () => {
    expect(first("区委书记杨明主持召开会议")?.name).toBe("杨明");
  });
  it("stops before 首先, 在 and other words that follow names", () => {
    expect([first("区委副书记刘国新首先通报")?.name, first("区长恽淇丞在区行政中心")?.name]).toEqual([
      "刘国新",
      "恽淇丞",
    ]);
  });
  it("reads department posts, 区发改局局长张伟", () => {
    expect(first("区发改局局长张伟汇报了情况")).toEqual({ name: "张伟", titles: ["区发改局局长"] });
  });
  it("reads departments with long names, 县市场监督管理局局长 and 县自然资源和规划局局长", () => {
    expect([first("县市场监督管理局局长王强汇报")?.titles, first("县自然资源和规划局局长尹志强,")?.titles]).toEqual([
      ["县市场监督管理局局长"],
      ["县自然资源和规划局局长"],
    ]);
  });
  it("reads a party department, 区委编办主任", () => {
    expect(first("区委编办主任李明,")?.titles).toEqual(["区委编办主任"]);
  });
  it("does not run two departments into one post, 县财政局会同县住建局局长", () => {
    expect(first("县财政局会同县住建局局长姚俊,")?.titles).toEqual(["县住建局局长"]);
  });
  it("reads 常务副区长 as one post", () => {
    expect(first("区委常委、常务副区长王建国,")).toEqual({ name: "王建国", titles: ["区委常委", "常务副区长"] });
  });
  it("reads a later post whose level is left out, 市委常委、统战部部长林晓东", () => {
    expect(first("市委常委、统战部部长林晓东到会通报有关情况")).toEqual({
      name: "林晓东",
      titles: ["市委常委", "统战部部长"],
    });
  });
  it("ends a name before 列席, 区政协主席廖婉君列席会议", () => {
    expect(first("区政协主席廖婉君列席会议")).toEqual({ name: "廖婉君", titles: ["区政协主席"] });
  });
  it("finds nothing in 区长质量奖", () => {
    expect(findPostedNames("区长质量奖是区政府设立的最高质量荣誉")).toEqual([]);
  });
  it("finds nothing in 区委常委会(扩大)会议", () => {
    expect(findPostedNames("中共贾汪区委常委会(扩大)会议")).toEqual([]);
  });
  it("does not read 总书记关于 as a person", () => {
    expect(findPostedNames("认真贯彻落实总书记关于对口支援合作工作的重要论述")).toEqual([]);
  });
});

describe("readNameAt", () => {
  it("prefers two characters when the third is a function word, 王明在会上", () => {
    expect(readNameAt("王明在会上讲话")).toBe("王明");
  });
  it("needs a boundary after the name", () => {
    expect(readNameAt("高度重视")).toBeNull();
  });
});

describe("findPostedNames before common report verbs", () => {
  it.each(["带领", "率领", "前往", "实地", "亲自"])("stops a two-character name before %s", (verb) => {
    expect(findPostedNames(`区长李平${verb}有关部门负责人`)[0]?.name).toBe("李平");
  });
});
