import { describe, expect, it } from "vitest";
import { BadParameterError } from "../../../shared/errors";
import { parseMeetingQuery } from "../../../shared/query/parse-meeting-query";

function parse(parameters: Record<string, string>) {
  return parseMeetingQuery(new Map(Object.entries(parameters)));
}

function rejectedParameter(parameters: Record<string, string>): { parameter: string; reason: string } {
  try {
    parse(parameters);
  } catch (error) {
    if (error instanceof BadParameterError) return { parameter: error.parameter, reason: error.reason };
    throw error;
  }
  throw new Error("expected a BadParameterError");
}

describe("parseMeetingQuery", () => {
  it("defaults to 20 meetings (minutes and news), duplicates left out, and no filters", () => {
    expect(parse({})).toEqual({ limit: 20, kind: "meetings", includeDuplicates: false });
  });

  it("takes every filter", () => {
    expect(
      parse({
        region: "钟楼区",
        type: "work-meeting",
        from: "2022-01-01",
        to: "2022-12-31",
        person: "李 超鲲",
        kind: "news",
        includeDuplicates: "true",
        limit: "5",
        cursor: "a.b",
      }),
    ).toEqual({
      region: { code: "320404", level: "county", name: "江苏省常州市钟楼区" },
      type: "work-meeting",
      from: "2022-01-01",
      to: "2022-12-31",
      person: "李超鲲",
      kind: "news",
      includeDuplicates: true,
      limit: 5,
      cursor: "a.b",
    });
  });

  it.each([
    ["kind", "meetings"],
    ["kind", "Minutes"],
    ["includeDuplicates", "yes"],
    ["includeDuplicates", "1"],
  ])("rejects %s=%s, naming the parameter", (parameter, value) => {
    const rejected = rejectedParameter({ [parameter]: value });
    expect(rejected.parameter).toBe(parameter);
  });

  it("accepts from equal to to (one day)", () => {
    expect(parse({ from: "2022-01-26", to: "2022-01-26" })).toMatchObject({ from: "2022-01-26", to: "2022-01-26" });
  });

  it("rejects from after to, naming from", () => {
    expect(rejectedParameter({ from: "2022-02-01", to: "2022-01-01" }).parameter).toBe("from");
  });

  it.each([
    ["from", "2024-02-30"],
    ["to", "2024-02-30"],
    ["from", "yesterday"],
    ["to", "2024/01/01"],
  ])("rejects %s=%s as not a calendar date", (parameter, value) => {
    const rejected = rejectedParameter({ [parameter]: value });
    expect(rejected.parameter).toBe(parameter);
    expect(rejected.reason).toContain("calendar date");
  });

  it("rejects an unknown meeting type, listing the valid ones", () => {
    const rejected = rejectedParameter({ type: "standing" });
    expect(rejected.parameter).toBe("type");
    expect(rejected.reason).toContain("government-executive");
  });

  it("rejects an ambiguous region, naming region", () => {
    expect(rejectedParameter({ region: "鼓楼区" }).parameter).toBe("region");
  });

  it("rejects an unknown region", () => {
    expect(rejectedParameter({ region: "不存在县" }).parameter).toBe("region");
  });

  it("rejects an over-long person name", () => {
    expect(rejectedParameter({ person: "李".repeat(65) }).parameter).toBe("person");
  });

  it.each(["0", "101"])("rejects limit=%s", (limit) => {
    expect(rejectedParameter({ limit }).parameter).toBe("limit");
  });
});
