import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import {
  COUNTED_PAGE,
  COUNTING_ROUND_TRIPS,
  countMeetings,
  MAX_COUNTED,
} from "../../../shared/query/meeting-counts-service";
import { parseMeetingQuery } from "../../../shared/query/parse-meeting-query";
import { listDeps } from "./support/deps";
import { aRecord, itemsOf, JINTAN, ZHONGLOU } from "./support/records";

function filters(parameters: Record<string, string> = {}) {
  const { limit: _limit, cursor: _cursor, ...rest } = parseMeetingQuery(new Map(Object.entries(parameters)));
  return rest;
}

describe("countMeetings", () => {
  it("yields the months, the types and the regions of the listed meetings from one reading of them", async () => {
    const records = [
      aRecord({ n: 1, date: "2022-03-01", region: ZHONGLOU, type: "work-meeting" }),
      aRecord({ n: 2, date: "2022-02-01", region: JINTAN }),
    ];
    const { deps, mock } = listDeps(itemsOf(records));
    const counts = await countMeetings(deps, filters());
    expect(mock.commandCalls(QueryCommand)).toHaveLength(1);
    expect(counts).toMatchObject({
      total: 2,
      complete: true,
      byMonth: [
        { month: "2022-02", count: 1 },
        { month: "2022-03", count: 1 },
      ],
      byType: [
        { type: "government-executive", count: 1 },
        { type: "work-meeting", count: 1 },
      ],
    });
    expect(counts.regions.map((r) => [r.shortName, r.count])).toEqual([
      ["江苏省", 2],
      ["常州市", 2],
      ["钟楼区", 1],
      ["金坛区", 1],
    ]);
  });

  it(`reads ${COUNTED_PAGE} meetings a page, so 2,500 meetings cost 3 Queries`, async () => {
    const many = Array.from({ length: 2_500 }, (_, i) => aRecord({ n: 100 + i, date: "2021-05-10" }));
    const { deps, mock } = listDeps(itemsOf(many));
    expect(await countMeetings(deps, filters())).toMatchObject({ total: 2_500, complete: true });
    expect(mock.commandCalls(QueryCommand)).toHaveLength(3);
  });

  it("stops at exactly its ceiling and says the counts are incomplete; one more meeting than counted is enough", async () => {
    const many = Array.from({ length: 250 }, (_, i) => aRecord({ n: 100 + i, date: "2021-05-10", region: ZHONGLOU }));
    const { deps } = listDeps(itemsOf(many));
    expect(await countMeetings(deps, filters({ region: "钟楼区" }), 150)).toMatchObject({
      total: 150,
      complete: false,
    });
    expect(await countMeetings(deps, filters({ region: "钟楼区" }), 249)).toMatchObject({
      total: 249,
      complete: false,
    });
    expect(await countMeetings(deps, filters({ region: "钟楼区" }), 250)).toMatchObject({ total: 250, complete: true });
    expect(await countMeetings(deps, filters({ region: "钟楼区" }), MAX_COUNTED)).toMatchObject({
      total: 250,
      complete: true,
    });
  });

  it(`reads at most ${COUNTING_ROUND_TRIPS} Queries in all when a filter matches few meetings of a large partition, and says the counts are incomplete`, async () => {
    const many = Array.from({ length: 15_000 }, (_, i) =>
      aRecord({ n: 100 + i, date: "2021-05-10", region: ZHONGLOU }),
    );
    const { deps, mock } = listDeps(itemsOf(many));

    const counts = await countMeetings(deps, filters({ region: "钟楼区", type: "work-meeting" }));

    expect(counts).toMatchObject({ total: 0, complete: false });
    expect(mock.commandCalls(QueryCommand)).toHaveLength(COUNTING_ROUND_TRIPS);
  }, 60_000);
});
