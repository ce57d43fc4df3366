import { describe, expect, it } from "vitest";
import { extractReportedAttendees } from "../../../../shared/parse/meeting/extract-reported-attendees";

const names = (lines: string[]) => extractReportedAttendees(lines).map((p) => p.name);

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
});
