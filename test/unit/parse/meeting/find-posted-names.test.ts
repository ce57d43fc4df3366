import { describe, expect, it } from "vitest";
import { findNamesBeforePosts, findPostedNames, readNameAt } from "../../../../shared/parse/meeting/find-posted-names";

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

describe("names found by the structure around them", () => {
  it("keeps 和 in a name when a verb follows, 副区长王东和主持 → 王东和", () => {
    expect(first("副区长王东和主持会议")?.name).toBe("王东和");
  });
  it("ends a name at 和 when a person follows, 区长杨明和副区长李四 → 杨明", () => {
    expect(first("区长杨明和副区长李四出席")?.name).toBe("杨明");
  });
  it("reads a name followed by an unlisted word and a role verb, 市政协主席叶梅生全程列席 → 叶梅生", () => {
    expect(first("市政协主席叶梅生全程列席会议")?.name).toBe("叶梅生");
  });
  it("reads a rare surname between a post and 主持, 区委书记谯光明主持 → 谯光明", () => {
    expect(first("区委书记谯光明主持召开会议")?.name).toBe("谯光明");
  });
  it("reads a long unlisted name before 主持, 旗人大常委会主任宝音满都呼主持 → 宝音满都呼", () => {
    expect(first("旗人大常委会主任宝音满都呼主持会议")).toEqual({ name: "宝音满都呼", titles: ["旗人大常委会主任"] });
  });
  it("never reads the word between a post and 主持 as a name, 区长亲自主持", () => {
    expect(findPostedNames("区长亲自主持召开会议")).toEqual([]);
  });
  it("reads the shortest dotted name before a boundary, 帕巴拉·格列朗杰的委托 → 帕巴拉·格列朗杰", () => {
    expect(first("受自治区政协主席帕巴拉·格列朗杰的委托")?.name).toBe("帕巴拉·格列朗杰");
  });
  it("ends a name at a digit, 浙江省长李强17日上午 → 李强", () => {
    expect(first("浙江省长李强17日上午主持召开")).toEqual({ name: "李强", titles: ["省长"] });
  });
});

describe("findNamesBeforePosts", () => {
  const read = (text: string) => findNamesBeforePosts(text).map((m) => ({ name: m.name, titles: m.titles }));
  it("reads a name written before its post, 胡永光区长主持召开 → 胡永光, 区长", () => {
    expect(read("2021年3月3日,胡永光区长主持召开区政府第86次常务会议")).toEqual([{ name: "胡永光", titles: ["区长"] }]);
  });
  it("reads a list item with its post after it, 、钟国伟副主委,", () => {
    expect(read("郑用琏、钟国伟副主委,")).toEqual([{ name: "钟国伟", titles: ["副主委"] }]);
  });
  it("reads no place word before a post, 城区长期 and 全区长效", () => {
    expect([...read("。城区长期以来"), ...read(",全区长效机制")]).toEqual([]);
  });
  it("needs the name to open a clause, 学习王伟中省长讲话 names nobody by this rule", () => {
    expect(read("传达学习王伟中省长讲话")).toEqual([]);
  });
});

describe("words that are no names", () => {
  it("reads no unit before its post as a name, 原常委、宣传部部长、副县长", () => {
    expect(findNamesBeforePosts("县委原常委、宣传部部长、副县长陈英")).toEqual([]);
  });
  it("reads no name in 委员和其他列席人员", () => {
    expect(findPostedNames("请各位政协委员和其他列席人员提出意见")).toEqual([]);
  });
});
