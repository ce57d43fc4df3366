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

describe("chairs by the structure of the sentence", () => {
  it("reads the post after the name, 胡永光区长主持召开 → 胡永光, 区长", () => {
    expect(chairInSentence("2021年3月3日,胡永光区长主持召开区政府第86次常务会议")).toEqual({
      name: "胡永光",
      title: "区长",
    });
  });
  it("reads 同志 between the name and 主持, 区长韩云同志在…会议室主持召开 → 韩云", () => {
    expect(chairInSentence("区长韩云同志在区机关大院2号楼会议室主持召开五届68次区政府常务会议")).toEqual({
      name: "韩云",
      title: "区长",
    });
  });
  it("reads an unposted chair with 同志, 李四同志主持召开", () => {
    expect(chairInSentence("3月1日,李四同志主持召开专题会议")).toEqual({ name: "李四", title: null });
  });
  it("reads the one entrusted, not the one who entrusts, 受县长X委托,副县长Y主持", () => {
    expect(chairInSentence("受县长钮向东委托,副县长禹佳明主持召开会议")).toEqual({ name: "禹佳明", title: "副县长" });
  });
  it("reads who chairs, not who speaks first, X出席并讲话,Y主持会议", () => {
    expect(chairInSentence("区委副书记谢坚钢出席并讲话,区委常委、宣传部部长单少军主持会议")).toEqual({
      name: "单少军",
      title: "宣传部部长",
    });
  });
  it("reads a vice-head chairing, 常务副县长X主持 → 常务副县长", () => {
    expect(chairInSentence("县委常委、常务副县长禹佳明主持召开会议")).toEqual({ name: "禹佳明", title: "常务副县长" });
  });
  it("reads a post glued to a place name, 武山县长X主持 → X, 县长", () => {
    expect(chairInSentence("武山县长焦振华主持召开县政府常务会议")).toEqual({ name: "焦振华", title: "县长" });
  });
  it("reads a day and time between the name and 主持, 浙江省长李强17日上午主持", () => {
    expect(chairInSentence("浙江省长李强17日上午主持召开省政府第二次常务会议")).toEqual({
      name: "李强",
      title: "省长",
    });
  });
  it("reads a chair named while chairing, 杜伟在主持会议时", () => {
    expect(chairInSentence("市政协主席杜伟在主持会议时提出建议")?.name).toBe("杜伟");
  });
  it("reads a chair whose name the surname list does not know, 旗人大常委会主任宝音满都呼主持会议", () => {
    expect(chairInSentence("旗人大常委会主任宝音满都呼主持会议")).toEqual({
      name: "宝音满都呼",
      title: "旗人大常委会主任",
    });
  });
});

describe("extractChair with several chairs or none written beside the name", () => {
  it("gives no chair when several chair in turn, 分别主持, and says so", () => {
    const warnings: string[] = [];
    expect(extractChair(["市政协主席王明,副主席阎红梅、覃志诚分别主持会议。"], null, () => [], warnings)).toBeNull();
    expect(warnings).toEqual(["meeting.chair: several people chaired (分别主持); no single chair"]);
  });
  it("gives a chair named without a post the post the page gives them elsewhere", () => {
    const warnings: string[] = [];
    expect(extractChair(["区政府召开第86次常务会议 胡永光主持"], null, () => ["区长"], warnings)).toEqual({
      name: "胡永光",
      title: "区长",
    });
    expect(warnings).toEqual(["meeting.chair.title: 区长 taken from where the page names 胡永光 with a post"]);
  });
});
