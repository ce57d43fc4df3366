import { describe, expect, it } from "vitest";
import { findDivisionNames } from "../../../../shared/parse/meeting/region-index";

const found = (text: string) => findDivisionNames(text).map((m) => [m.text, m.at]);

describe("findDivisionNames", () => {
  it("finds each name, longest first, left to right: 江苏省常州市钟楼区", () => {
    expect(found("江苏省常州市钟楼区召开会议")).toEqual([
      ["江苏省", 0],
      ["常州市", 3],
      ["钟楼区", 6],
    ]);
  });

  it("finds a name among ASCII and at the very end of the text", () => {
    expect(found("abc上海市def")).toEqual([["上海市", 3]]);
    expect(found("会议在北京")).toEqual([["北京", 3]]);
  });

  it("finds nothing in text without names, nor in one character", () => {
    expect(found("会议纪要 2022年1月26日")).toEqual([]);
    expect(found("常")).toEqual([]);
    expect(found("")).toEqual([]);
  });
});
