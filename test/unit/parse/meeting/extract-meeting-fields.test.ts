import { describe, expect, it } from "vitest";
import { extractMeetingFields } from "../../../../shared/parse/meeting/extract-meeting-fields";
import { pageFromText } from "./seed-page";

/** Synthetic pages for variants the seeds only hint at. */

const TRADITIONAL_MINUTES = `溧陽市人民政府第十一次常務會議紀要
2023年3月15日上午,市長張偉在市政府三樓第一會議室主持召開市政府第十一次常務會議。現紀要如下:
一、會議聽取了市財政局關於2022年預算執行情況的匯報
會議原則同意市財政局提出的2022年預算執行情況報告。
二、會議研究了《溧陽市老舊小區改造實施方案》
會議同意市住建局、市財政局提出的《溧陽市老舊小區改造實施方案》。
三、會議通報了一季度安全生產工作情況
出席:張偉、李明、王  強
列席:趙剛（市人大代表）、孫麗（市政協委員）
記錄:陳紅`;

describe("extractMeetingFields on traditional-script minutes", () => {
  const fields = extractMeetingFields(pageFromText(TRADITIONAL_MINUTES, {}, { from: 1 }));

  it("calls them minutes", () => {
    expect(fields.kind).toBe("minutes");
  });
  it("names the meeting in simplified script", () => {
    expect(fields.meeting?.name).toBe("市政府第十一次常务会议");
  });
  it("reads the sequence 第十一次 → 11", () => {
    expect(fields.meeting?.sequence).toBe(11);
  });
  it("reads date, time of day and place", () => {
    const m = fields.meeting;
    expect([m?.date, m?.timeOfDay, m?.location]).toEqual(["2023-03-15", "上午", "市政府三楼第一会议室"]);
  });
  it("reads the chair with post, 市长张伟", () => {
    expect(fields.meeting?.chair).toEqual({ name: "张伟", title: "市长" });
  });
  it("reads attendees on one line with 、 and a padded name", () => {
    expect(fields.meeting?.attendees.map((a) => a.name)).toEqual(["张伟", "李明", "王强"]);
  });
  it("reads observer notes in full-width parentheses", () => {
    expect(fields.meeting?.observers).toEqual([
      { name: "赵刚", note: "市人大代表" },
      { name: "孙丽", note: "市政协委员" },
    ]);
  });
  it("reads agenda actions 听取, 研究, 通报", () => {
    expect(fields.meeting?.agenda.map((a) => a.actions)).toEqual([["听取"], ["研究"], ["通报"]]);
  });
  it("reads decisions 原则同意, 同意 and none", () => {
    expect(fields.meeting?.agenda.map((a) => a.decision)).toEqual(["原则同意", "同意", null]);
  });
  it("reads two proposers", () => {
    expect(fields.meeting?.agenda[1]?.proposedBy).toEqual(["市住建局", "市财政局"]);
  });
  it("places a county-level city, 溧阳市 → 320481", () => {
    expect(fields.region).toEqual({ code: "320481", province: "江苏省", city: "常州市", county: "溧阳市" });
  });
});

describe("extractMeetingFields on news", () => {
  const NEWS = `武进召开全区安全生产工作推进会
发布时间:2021-06-03 来源:武进日报 发布开发区:江苏金坛经济开发区
6月2日下午,我区召开全区安全生产工作推进会。区委书记王建国出席会议并讲话,区长李平主持会议。
王建国强调,要把安全生产放在更加突出的位置,为常州高质量发展保驾护航。`;
  const page = pageFromText(
    NEWS,
    {
      title: "武进召开全区安全生产工作推进会",
      publishedDate: "2021-06-03",
      extra: { 发布开发区: "江苏金坛经济开发区" },
    },
    { from: 2 },
  );
  const fields = extractMeetingFields(page);

  it("calls a report of a meeting news", () => {
    expect(fields.kind).toBe("news");
  });
  it("types a 推进会 as a work meeting", () => {
    expect(fields.meeting?.type).toBe("work-meeting");
  });
  it("infers the year from publishedDate and warns", () => {
    expect([fields.meeting?.date, fields.meeting?.dateInferred]).toEqual(["2021-06-02", true]);
    expect(fields.warnings).toContain("meeting.date: year inferred from publishedDate");
  });
  it("ignores the reposting site's 发布开发区 when placing the meeting", () => {
    expect(fields.region?.county).toBe("武进区");
  });
  it("lists the people named with posts", () => {
    expect(fields.people).toEqual([
      { name: "王建国", titles: ["区委书记"] },
      { name: "李平", titles: ["区长"] },
    ]);
  });
  it("has no disclosure block", () => {
    expect(fields.disclosure).toBeNull();
  });
});

describe("extractMeetingFields on ambiguous places", () => {
  it("settles 鼓楼区 by the city in the footer, and warns", () => {
    const page = pageFromText(
      "鼓楼区政府召开第5次常务会议\n3月1日,区长张伟主持召开区政府第5次常务会议。\n主办单位:福州市鼓楼区人民政府",
      { title: "鼓楼区政府召开第5次常务会议", publishedDate: "2024-03-02" },
      { from: 1, to: 2 },
    );
    const fields = extractMeetingFields(page);
    expect([fields.region?.code, fields.warnings]).toEqual([
      "350102",
      ["region: 鼓楼区 resolved by context 福州市", "meeting.date: year inferred from publishedDate"],
    ]);
  });
});

describe("extractMeetingFields on pages that are not about a meeting", () => {
  it("calls them other, with no meeting", () => {
    const page = pageFromText("今年以来,全省金融机构存款余额稳步增长。\n人民币贷款增加较多。", {
      title: "上半年金融运行情况",
    });
    const fields = extractMeetingFields(page);
    expect([fields.kind, fields.meeting]).toEqual(["other", null]);
  });
});

describe("extractMeetingFields takes people from the article only", () => {
  const page = pageFromText(
    [
      "区政府召开第9次常务会议",
      "5月6日,区长罗建平主持召开区政府第9次常务会议。副区长訾文涛出席会议。",
      "相关新闻",
      "县长何明远出席全县招商引资推进会",
    ].join("\n"),
    {},
    { from: 1, to: 2 },
  );
  const fields = extractMeetingFields(page);

  it("names the people of the article, with their posts", () => {
    expect(fields.people).toEqual([
      { name: "罗建平", titles: ["区长"] },
      { name: "訾文涛", titles: ["副区长"] },
    ]);
  });
  it("takes no one from a teaser for another article below it", () => {
    expect(fields.people.map((p) => p.name)).not.toContain("何明远");
  });
});
