import { describe, expect, it } from "vitest";
import { countMeetings } from "../../../shared/query/meeting-counts-service";
import { parseMeetingQuery } from "../../../shared/query/parse-meeting-query";
import { regionCounts } from "../../../shared/query/region-counts-service";
import { resolveRegion } from "../../../shared/query/resolve-region";
import { body, errorOf, testApi } from "./support/api";
import { listDeps } from "./support/deps";
import { get } from "./support/events";
import { aRecord, GULOU_FUZHOU, GULOU_NANJING, itemsOf, JINTAN, ZHONGLOU } from "./support/records";

function filters(parameters: Record<string, string> = {}) {
  const { limit: _l, cursor: _c, region: _r, ...rest } = parseMeetingQuery(new Map(Object.entries(parameters)));
  return rest;
}

const records = [
  aRecord({ n: 1, date: "2022-03-01", region: ZHONGLOU, type: "government-executive" }),
  aRecord({ n: 2, date: "2022-03-20", region: ZHONGLOU, type: "work-meeting" }),
  aRecord({ n: 3, date: "2022-02-01", region: JINTAN, type: "work-meeting" }),
  aRecord({ n: 4, date: "2022-01-05", region: GULOU_NANJING }),
  aRecord({ n: 5, date: "2022-01-06", region: GULOU_FUZHOU }),
  aRecord({ n: 6, date: "2022-01-07", region: null }),
];

describe("regionCounts", () => {
  it("counts each meeting for its county and the city and province containing it, most first", async () => {
    const { deps } = listDeps(itemsOf(records));
    const counts = regionCounts(await countMeetings(deps, filters()));
    expect(counts.total).toBe(6);
    expect(counts.complete).toBe(true);
    expect(counts.regions.map((r) => [r.shortName, r.count])).toEqual([
      ["江苏省", 4],
      ["常州市", 3],
      ["钟楼区", 2],
      ["南京市", 1],
      ["南京市鼓楼区", 1],
      ["金坛区", 1],
      ["福建省", 1],
      ["福州市", 1],
      ["福州市鼓楼区", 1],
    ]);
  });

  it("offers as shortName a value the region filter resolves to that very region (鼓楼区 is ambiguous)", async () => {
    const { deps } = listDeps(itemsOf(records));
    for (const region of regionCounts(await countMeetings(deps, filters())).regions) {
      expect(resolveRegion(region.shortName).code).toBe(region.code);
    }
  });

  it("matches part of a name in either script, or the start of a code", async () => {
    const { deps } = listDeps(itemsOf(records));
    const names = async (match: string) =>
      regionCounts(await countMeetings(deps, filters()), match).regions.map((r) => r.name);
    expect(await names("鐘樓")).toEqual(["江苏省常州市钟楼区"]);
    expect(await names("钟楼")).toEqual(["江苏省常州市钟楼区"]);
    expect(await names("鼓樓區")).toEqual(["江苏省南京市鼓楼区", "福建省福州市鼓楼区"]);
    expect(await names("3501")).toEqual(["福建省福州市", "福建省福州市鼓楼区"]);
  });

  it("counts under the other filters, as GET /meetings lists them", async () => {
    const { deps } = listDeps(itemsOf(records));
    const counts = regionCounts(await countMeetings(deps, filters({ type: "work-meeting" })));
    expect(counts.regions.map((r) => [r.shortName, r.count])).toEqual([
      ["江苏省", 2],
      ["常州市", 2],
      ["钟楼区", 1],
      ["金坛区", 1],
    ]);
  });
});

describe("GET /regions", () => {
  it("answers the regions that hold meetings", async () => {
    const { handler } = testApi(itemsOf(records), records);
    const result = await handler(get("/regions", { name: "钟楼" }));
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({
      total: 6,
      complete: true,
      regions: [{ code: "320404", level: "county", name: "江苏省常州市钟楼区", shortName: "钟楼区", count: 2 }],
    });
  });

  it.each([
    ["region", { region: "钟楼区" }],
    ["name", { name: "x".repeat(65) }],
    ["name", { name: " " }],
    ["limit", { limit: "5" }],
  ])("rejects %s with a 400 naming it", async (parameter, query) => {
    const { handler } = testApi(itemsOf(records), records);
    const result = await handler(get("/regions", query));
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).parameter).toBe(parameter);
  });
});
