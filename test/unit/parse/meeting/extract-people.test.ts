import { describe, expect, it } from "vitest";
import { extractPeople } from "../../../../shared/parse/meeting/extract-people";

describe("extractPeople", () => {
  it("lists each person once with every post given anywhere", () => {
    const people = extractPeople(["区委副书记刘国新首先通报了情况。", "会上,区委常委、区委副书记刘国新作了部署。"]);
    expect(people).toEqual([{ name: "刘国新", titles: ["区委副书记", "区委常委"] }]);
  });
  it("reads posts written in brackets after the name, 孟凡军(县长) and a padded 刘 畅(副县长)", () => {
    const people = extractPeople([
      "主 持 人:孟凡军(县长)",
      "出席人员:吴海涛(常务副县长) 刘 畅(副县长) 葛 磊(副县长,在省委党校学习)",
    ]);
    expect(people).toEqual([
      { name: "孟凡军", titles: ["县长"] },
      { name: "吴海涛", titles: ["常务副县长"] },
      { name: "刘畅", titles: ["副县长"] },
      { name: "葛磊", titles: ["副县长"] },
    ]);
  });
  it("reads the name after a padded label, 主 持 人 刘德胜(镇长)", () => {
    expect(extractPeople(["主 持 人 刘德胜(镇长)"])).toEqual([{ name: "刘德胜", titles: ["镇长"] }]);
  });
  it("does not read a unit in brackets as a post, 储军(县政府办)", () => {
    expect(extractPeople(["列席:储 军(县政府办) 黄海涛(县发改委)"])).toEqual([]);
  });
  it("keeps people in the order first named", () => {
    const people = extractPeople(["区委书记狄志强要求", "区委副书记、代区长陆秋明主持会议"]);
    expect(people.map((p) => p.name)).toEqual(["狄志强", "陆秋明"]);
  });
});

describe("extractPeople by structure", () => {
  const titlesOf = (line: string) => Object.fromEntries(extractPeople([line]).map((p) => [p.name, p.titles]));

  it("takes the post before a list of names, 副区长X、Y → both 副区长", () => {
    expect(titlesOf("副区长贝晓峰、车立伟出席会议。")).toEqual({ 贝晓峰: ["副区长"], 车立伟: ["副区长"] });
  });
  it("stops sharing a post at a name with a post of its own, 副区长X、区长Y", () => {
    expect(titlesOf("副区长贝晓峰、区长车立伟出席会议。")).toEqual({ 贝晓峰: ["副区长"], 车立伟: ["区长"] });
  });
  it("reads a name written before its post, 张文胜副区长出席会议", () => {
    expect(titlesOf("张文胜副区长出席会议并作重要讲话。")).toEqual({ 张文胜: ["副区长"] });
  });
  it("reads a post glued to a place name, 武山县长X → X, 县长", () => {
    expect(titlesOf("武山县长焦振华在会上强调")).toEqual({ 焦振华: ["县长"] });
  });
  it("reads the full post of autonomous regions and people's governments", () => {
    expect(titlesOf("自治区政协副主席罗松多吉主持会议,旗人民政府常务副旗长张吉信出席")).toEqual({
      罗松多吉: ["自治区政协副主席"],
      张吉信: ["旗人民政府常务副旗长"],
    });
  });
});
