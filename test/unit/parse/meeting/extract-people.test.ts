import { describe, expect, it } from "vitest";
import { extractPeople } from "../../../../shared/parse/meeting/extract-people";

describe("extractPeople", () => {
  it("lists each person once with every post given anywhere", () => {
    const people = extractPeople(["区委副书记刘国新首先通报了情况。", "会上,区委常委、区委副书记刘国新作了部署。"]);
    expect(people).toEqual([{ name: "刘国新", titles: ["区委副书记", "区委常委"] }]);
  });
  it("keeps people in the order first named", () => {
    const people = extractPeople(["区委书记狄志强要求", "区委副书记、代区长陆秋明主持会议"]);
    expect(people.map((p) => p.name)).toEqual(["狄志强", "陆秋明"]);
  });
});
