import { describe, expect, it } from "vitest";
import { chairInSentence, extractChair } from "../../../../shared/parse/meeting/extract-chair";

describe("chairInSentence", () => {
  it("reads 区长李超鲲主持召开 → 李超鲲, 区长", () => {
    expect(chairInSentence("区长李超鲲主持召开区政府常务会议")).toEqual({ name: "李超鲲", title: "区长" });
  });
  it("takes the post closest to the name, 区委副书记、代区长陆秋明 → 代区长", () => {
    expect(chairInSentence("区委副书记、代区长陆秋明主持会议")).toEqual({ name: "陆秋明", title: "代区长" });
  });
  it("reads a chair whose place phrase stands before 主持, 区长恽淇丞在…会议室,主持召开", () => {
    expect(chairInSentence("区长恽淇丞在区行政中心1号楼一楼西侧圆桌会议室,主持召开区政府第25次常务会议")).toEqual({
      name: "恽淇丞",
      title: "区长",
    });
  });
  it("reads 会议由区长王建国主持", () => {
    expect(chairInSentence("会议由区长王建国主持。")).toEqual({ name: "王建国", title: "区长" });
  });
  it("reads an unposted chair at a clause start, 李四主持会议", () => {
    expect(chairInSentence("4月1日,李四主持会议。")).toEqual({ name: "李四", title: null });
  });
  it("is null when nobody chairs", () => {
    expect(chairInSentence("区委书记狄志强要求全区上下进一步明确任务")).toBeNull();
  });
});

describe("extractChair", () => {
  it("gives a labelled chair the title the page gives them elsewhere", () => {
    expect(extractChair(["会议审议了…"], "李超鲲", () => ["区长"])).toEqual({ name: "李超鲲", title: "区长" });
  });
  it("notes that a labelled chair's title came from elsewhere", () => {
    const warnings: string[] = [];
    extractChair(["会议审议了…"], "李超鲲", () => ["区长"], warnings);
    expect(warnings).toEqual(["meeting.chair.title: 区长 taken from where the page names 李超鲲 with a post"]);
  });
  it("gives a labelled chair the post the label gives, 主持人:孟凡军(县长)", () => {
    const warnings: string[] = [];
    expect(extractChair(["现将会议议定事项纪要如下:"], "孟凡军", () => [], warnings, "县长")).toEqual({
      name: "孟凡军",
      title: "县长",
    });
    expect(warnings).toEqual([]);
  });
  it("prefers the chair sentence when it names the labelled chair", () => {
    expect(extractChair(["区委副书记、代区长陆秋明主持会议"], "陆秋明", () => ["区委副书记"])).toEqual({
      name: "陆秋明",
      title: "代区长",
    });
  });
});
