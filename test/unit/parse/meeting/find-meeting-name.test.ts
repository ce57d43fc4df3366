import { describe, expect, it } from "vitest";
import {
  meetingNameBeforeVerb,
  meetingNameFromMinutesTitle,
  meetingNameInSentence,
  meetingSequence,
} from "../../../../shared/parse/meeting/find-meeting-name";

describe("meetingNameInSentence", () => {
  it("reads the object of 主持召开 up to 会议", () => {
    expect(meetingNameInSentence("区长李超鲲主持召开区政府2022年度第1次常务会议,现纪要如下:")).toBe(
      "区政府2022年度第1次常务会议",
    );
  });
  it("keeps quotes in the name, “两个加快全面决战年”第三次督查会", () => {
    expect(meetingNameInSentence("10月9日下午,我区召开“两个加快全面决战年”第三次督查会。")).toBe(
      "“两个加快全面决战年”第三次督查会",
    );
  });
  it("keeps (扩大) in the name", () => {
    expect(meetingNameInSentence("区委书记杨明主持召开中共贾汪区委常委会(扩大)会议,听取汇报")).toBe(
      "中共贾汪区委常委会(扩大)会议",
    );
  });
  it("reads 举行 like 召开", () => {
    expect(meetingNameInSentence("3月2日,市政府举行第十一次常务会议。")).toBe("第十一次常务会议");
  });
  it("names the body holding a meeting known only by its sequence, 区委常委会召开2023年第38次会议", () => {
    expect(meetingNameInSentence("8月24日下午,区委常委会召开2023年第38次会议,传达学习有关精神")).toBe(
      "区委常委会2023年第38次会议",
    );
  });
  it("keeps a sequence-only name bare when a person convenes it", () => {
    expect(meetingNameInSentence("区委书记龚振华主持召开2023年第38次会议")).toBe("2023年第38次会议");
  });
  it("finds no meeting in an instruction, 各部门要及时召开专题会议", () => {
    expect(meetingNameInSentence("各乡(镇)、各部门要及时召开专题会议,进行再部署")).toBeNull();
  });
  it("still reads a report that mentions a need, 因工作需要召开专题会议", () => {
    expect(meetingNameInSentence("因工作需要召开专题会议")).toBe("专题会议");
  });
  it("finds no meeting in 举办了全区社会实践活动", () => {
    expect(meetingNameInSentence("团区委举办了全区社会实践活动。")).toBeNull();
  });
});

describe("meetingNameBeforeVerb", () => {
  it("reads a passive headline, 全区安全生产工作会议召开", () => {
    expect(meetingNameBeforeVerb("全区安全生产工作会议召开")).toBe("全区安全生产工作会议");
  });
  it("reads a passive sentence with a place, …常务会议在县政府会议室召开", () => {
    expect(meetingNameBeforeVerb("3月15日,县政府第11次常务会议在县政府会议室召开。")).toBe("县政府第11次常务会议");
  });
  it("finds no name in 本次会议在北京召开", () => {
    expect(meetingNameBeforeVerb("本次会议在北京召开")).toBeNull();
  });
});

describe("meetingNameFromMinutesTitle", () => {
  it("drops 纪要 from a minutes title", () => {
    expect(meetingNameFromMinutesTitle("区政府第25次常务会议纪要")).toBe("区政府第25次常务会议");
  });
  it("is null for titles that are no minutes", () => {
    expect(meetingNameFromMinutesTitle("关于公布2022年区长质量奖的通知")).toBeNull();
  });
});

describe("meetingSequence", () => {
  it("reads Arabic numbers, 第25次 → 25", () => {
    expect(meetingSequence("区政府第25次常务会议")).toBe(25);
  });
  it("reads Chinese numerals, 第三次 → 3", () => {
    expect(meetingSequence("第三次督查会")).toBe(3);
  });
  it("reads compound numerals, 第二十五次 → 25", () => {
    expect(meetingSequence("区十七届人大常委会第二十五次会议")).toBe(25);
  });
  it("is null without 第N次", () => {
    expect(meetingSequence("四套班子领导干部(扩大)会议")).toBeNull();
  });
});

describe("meetingNameInSentence for meetings still to come", () => {
  it("names no meeting in an announcement, 拟定于…召开", () => {
    expect(
      meetingNameInSentence(
        "经县人大常委会主任会议研究,拟定于2013年11月下旬(具体时间另行通知)召开县第十七届人大常委会第15次会议。",
      ),
    ).toBeNull();
  });
  it("names no meeting after 定于 or 将于", () => {
    expect(meetingNameInSentence("市政府定于3月5日上午召开全市安全生产工作会议")).toBeNull();
    expect(meetingNameInSentence("区委将于下周举行区委常委会会议")).toBeNull();
  });
  it("still names a meeting held, 主持召开", () => {
    expect(meetingNameInSentence("1月15日,主席主持召开自治区政府2026年第1次常务会议")).toBe(
      "自治区政府2026年第1次常务会议",
    );
  });
});

describe("meetingSequence without 第", () => {
  it.each([
    ["五届68次区政府常务会议", 68],
    ["市八届66次常务会议", 66],
    ["十一届六次常委(扩大)会议", 6],
    ["县政协十届七次常委会会议", 7],
    ["区政府第 32 次常务会议", 32],
    ["县人民政府第二十八次常务会议", 28],
  ])("reads %s as %i", (name, n) => {
    expect(meetingSequence(name)).toBe(n);
  });
});
