import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { COUNTS_FRESH_MS } from "../../../shared/query/counts-cache";
import { inProcessQueryApi } from "../../../shared/web/query-api";
import { createWebApp } from "../../../shared/web/web-app";
import { testApi } from "../query/support/api";
import { aRecord, itemsOf, JINTAN, ZHONGLOU } from "../query/support/records";

/**
 * What one view of the home page costs in DynamoDB Queries, through the real
 * router over the fake table: the list's page, plus one counting pass that
 * both the chart (GET /stats) and the region suggestions (GET /regions) use.
 */
function homePage(meetings: number) {
  const records = Array.from({ length: meetings }, (_, i) =>
    aRecord({
      n: i + 1,
      date: `2021-${String((i % 12) + 1).padStart(2, "0")}-10`,
      region: i % 3 === 0 ? JINTAN : ZHONGLOU,
    }),
  );
  let now = 0;
  const { handler, mock } = testApi(itemsOf(records), records, { counts: { now: () => now } });
  const app = createWebApp(inProcessQueryApi(handler));
  const view = async (query = "", status = 200) => {
    mock.resetHistory();
    const response = await app({ method: "GET", path: "/", query: new URLSearchParams(query) });
    expect(response.status).toBe(status);
    return { page: String(response.body), queries: mock.commandCalls(QueryCommand).length };
  };
  return { view, later: (ms: number) => (now += ms) };
}

describe("one view of the home page", () => {
  it("reads 2,500 meetings once for the chart and the region suggestions: 1 Query for the list, 3 to count", async () => {
    const { view } = homePage(2_500);
    const { page, queries } = await view();
    expect(queries).toBe(1 + 3);
    expect(page).toContain("共 2500 次会议");
    expect(page).toContain('<option value="钟楼区" label="江苏省常州市钟楼区 · 1666 次会议">');
  });

  it("does not count again when viewed again within the counts' freshness; after it, counts afresh", async () => {
    const { view, later } = homePage(2_500);
    await view();
    later(COUNTS_FRESH_MS - 1);
    expect((await view()).queries).toBe(1);
    later(1);
    expect((await view()).queries).toBe(1 + 3);
  });

  it("filtered by region, counts that region for the chart and reuses the unfiltered counts for the suggestions", async () => {
    const { view } = homePage(2_500);
    await view();
    const { page, queries } = await view("region=钟楼区");
    expect(queries).toBe(1 + 2);
    expect(page).toContain("共 1666 次会议");
    expect(page).toContain('<option value="金坛区" label="江苏省常州市金坛区 · 834 次会议">');
  });

  it("for a region name the filter does not know, counts once for the suggestions and the regions it is part of", async () => {
    const { view } = homePage(2_500);
    const { page, queries } = await view("region=鐘樓", 400);
    expect(queries).toBe(3);
    expect(page).toContain("江苏省常州市钟楼区</a>（1666 次会议）");
  });
});
