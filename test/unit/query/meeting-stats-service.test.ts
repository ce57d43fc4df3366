import { describe, expect, it } from "vitest";
import { countMeetings } from "../../../shared/query/meeting-counts-service";
import { meetingStats } from "../../../shared/query/meeting-stats-service";
import { parseMeetingQuery } from "../../../shared/query/parse-meeting-query";
import { body, errorOf, testApi } from "./support/api";
import { listDeps } from "./support/deps";
import { get } from "./support/events";
import { aRecord, itemsOf, JINTAN, ZHONGLOU } from "./support/records";

function filters(parameters: Record<string, string>) {
  const { limit: _limit, cursor: _cursor, ...rest } = parseMeetingQuery(new Map(Object.entries(parameters)));
  return rest;
}

const statsOf = async (deps: Parameters<typeof countMeetings>[0], parameters: Record<string, string>) =>
  meetingStats(await countMeetings(deps, filters(parameters)));

const records = [
  aRecord({ n: 1, date: "2022-03-01", region: ZHONGLOU, type: "government-executive" }),
  aRecord({ n: 2, date: "2022-03-20", region: ZHONGLOU, type: "work-meeting" }),
  aRecord({ n: 3, date: "2022-01-05", region: ZHONGLOU, type: "government-executive" }),
  aRecord({ n: 4, date: "2022-02-01", region: JINTAN, type: "work-meeting" }),
];

describe("meetingStats", () => {
  it("counts the meetings of a filter per month, oldest first, and per type, most frequent first", async () => {
    const { deps } = listDeps(itemsOf(records));
    expect(await statsOf(deps, { region: "钟楼区" })).toEqual({
      total: 3,
      complete: true,
      byMonth: [
        { month: "2022-01", count: 1 },
        { month: "2022-03", count: 2 },
      ],
      byType: [
        { type: "government-executive", count: 2 },
        { type: "work-meeting", count: 1 },
      ],
    });
  });

  it("agrees with the list it counts across more than one page (250 meetings)", async () => {
    const many = Array.from({ length: 250 }, (_, i) =>
      aRecord({ n: 100 + i, date: `2021-${String((i % 12) + 1).padStart(2, "0")}-10`, region: ZHONGLOU }),
    );
    const { deps } = listDeps(itemsOf(many));
    const stats = await statsOf(deps, { from: "2021-01-01", to: "2021-12-31" });
    expect(stats.total).toBe(250);
    expect(stats.byMonth.reduce((sum, m) => sum + m.count, 0)).toBe(250);
    expect(stats.byMonth.find((m) => m.month === "2021-01")?.count).toBe(21);
  });

  it("lists undated meetings as 'undated', after the months, and type-less ones as 'unknown'", async () => {
    const undated = aRecord({ n: 9, date: null, publishedDate: null });
    const { deps } = listDeps(itemsOf([...records, undated]));
    const stats = await statsOf(deps, {});
    expect(stats.byMonth.at(-1)).toEqual({ month: "undated", count: 1 });
    expect(stats.total).toBe(5);
  });
});

describe("GET /stats", () => {
  it("answers the counts for the same filters as GET /meetings, in its own shape (no regions)", async () => {
    const { handler } = testApi(itemsOf(records), records);
    const result = await handler(get("/stats", { type: "work-meeting" }));
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({
      total: 2,
      complete: true,
      byMonth: [
        { month: "2022-02", count: 1 },
        { month: "2022-03", count: 1 },
      ],
      byType: [{ type: "work-meeting", count: 2 }],
    });
  });

  it.each(["limit", "cursor"])("rejects %s, which only lists take, naming it", async (name) => {
    const { handler } = testApi(itemsOf(records), records);
    const result = await handler(get("/stats", { [name]: "5" }));
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).parameter).toBe(name);
  });

  it("rejects a bad filter with a 400 naming it", async () => {
    const { handler } = testApi(itemsOf(records), records);
    const result = await handler(get("/stats", { from: "2022-13-01" }));
    expect(errorOf(result).parameter).toBe("from");
  });
});
