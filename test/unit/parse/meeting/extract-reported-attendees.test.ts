import { describe, expect, it } from "vitest";
import {
  extractReportedAttendees,
  extractReportedObservers,
} from "../../../../shared/parse/meeting/extract-reported-attendees";

const names = (lines: string[]) => extractReportedAttendees(lines).map((p) => p.name);
const observers = (lines: string[]) => extractReportedObservers(lines).map((p) => p.name);

describe("extractReportedAttendees", () => {
  it("reads the 、-list before 等…参加会议", () => {
    expect(
      names(["区委副书记、代区长陆秋明主持会议,王跃中、陈锁龙、刘国新、俞金红等区四套班子领导参加会议。"]),
    ).toEqual(["王跃中", "陈锁龙", "刘国新", "俞金红"]);
  });
  it("reads names with a group word before them, 市领导张三、李四出席会议", () => {
    expect(names(["市领导张三、李四出席会议。"])).toEqual(["张三", "李四"]);
  });
  it("reads nothing when only groups attend", () => {
    expect(names(["区四套班子全体领导;区发改局主要负责人出席会议。"])).toEqual([]);
  });
  it("reads groups of posted names separated by commas, 区委副书记、区长罗志坚,区委常委温海燕、黎建国出席会议", () => {
    expect(names(["区委副书记、区长罗志坚,区委常委温海燕、黎建国、钟伟出席会议。"])).toEqual([
      "罗志坚",
      "温海燕",
      "黎建国",
      "钟伟",
    ]);
  });
  it("leaves out the members counted after the names, 秘书长苟天林及委员共23人", () => {
    expect(names(["县人大常委会副主任何光明、杜晓燕,秘书长苟天林及委员共23人出席会议。"])).toEqual([
      "何光明",
      "杜晓燕",
      "苟天林",
    ]);
  });
  it("reads a named kind of meeting as the object, 出席座谈会", () => {
    expect(names(["县领导马永刚、李建军、张晓红出席座谈会。"])).toEqual(["马永刚", "李建军", "张晓红"]);
  });
  it("reads no person in a list of units, 区发改局、经信局、科技局主要负责人 (seed 003)", () => {
    expect(names(["区发改局、经信局、科技局、建设局、商务局、规划分局、国土分局主要负责人出席会议。"])).toEqual([]);
  });
  it("stops at a clause that is not a list of names", () => {
    expect(names(["会议由区长张三主持,副区长李四、王五出席会议。"])).toEqual(["李四", "王五"]);
  });
});

describe("extractReportedObservers", () => {
  it("reads the names before 列席会议, past the units that sat in too", () => {
    expect(
      observers(["县人大常委会主任蒲建华主持会议。副县长曾庆丰,县监委、县法院和县级有关部门负责同志列席会议。"]),
    ).toEqual(["曾庆丰"]);
  });
  it("reads posted names separated by commas, 区人大常委会主任陆家明,区政协主席廖婉君列席会议", () => {
    expect(observers(["区人大常委会主任陆家明,区政协主席廖婉君列席会议。"])).toEqual(["陆家明", "廖婉君"]);
  });
  it("does not take attendees for observers", () => {
    expect(observers(["市领导张三、李四出席会议。"])).toEqual([]);
  });
});
