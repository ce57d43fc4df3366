import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { MONTH_WALK_YEARS, monthsToWalk, walkMonths } from "../../../shared/query/month-walk";
import { RoundTripBudget } from "../../../shared/query/round-trip-budget";
import { listDeps, NOW } from "./support/deps";
import { aRecord, itemsOf } from "./support/records";

describe("monthsToWalk", () => {
  it("walks from `to` back to `from`, newest first, without undated records", () => {
    expect(monthsToWalk({ from: "2021-11-20", to: "2022-02-03" }, NOW)).toEqual([
      "2022-02",
      "2022-01",
      "2021-12",
      "2021-11",
    ]);
  });

  it("starts at the current month in China when `to` is absent", () => {
    // 17:00 UTC on 31 May is already 1 June in China.
    expect(monthsToWalk({ from: "2024-05-01" }, new Date("2024-05-31T17:00:00Z"))).toEqual(["2024-06", "2024-05"]);
  });

  it(`reaches back ${MONTH_WALK_YEARS} years without dates, then lists undated records`, () => {
    const months = monthsToWalk({}, NOW);
    expect(months[0]).toBe("2024-06");
    expect(months.at(-2)).toBe("2004-07");
    expect(months.at(-1)).toBe("undated");
    expect(months).toHaveLength(MONTH_WALK_YEARS * 12 + 1);
  });

  it("resumes at the cursor's month", () => {
    expect(monthsToWalk({ from: "2022-01-01", to: "2022-04-30" }, NOW, "2022-02")).toEqual(["2022-02", "2022-01"]);
    expect(monthsToWalk({}, NOW, "undated")).toEqual(["undated"]);
  });
});

describe("walkMonths", () => {
  it("probes empty months several at a time rather than one round trip each", async () => {
    const { deps, mock } = listDeps(itemsOf([aRecord({ date: "2023-06-10" })]));
    const walk = await walkMonths(deps, { dates: {}, now: NOW, want: 5, budget: new RoundTripBudget(30) });
    expect(walk.groups).toHaveLength(1);
    // 241 partitions (240 months + undated), each read once, within a budget of 30 round trips.
    expect(walk.next).toBeNull();
    expect(mock.commandCalls(QueryCommand)).toHaveLength(241);
  });

  it("hands back a cursor position at the next unread month when the budget runs out", async () => {
    const { deps } = listDeps([]);
    const walk = await walkMonths(deps, { dates: {}, now: NOW, want: 5, budget: new RoundTripBudget(2) });
    // rounds of 1 and 2 months: 2024-06, then 2024-05 and 2024-04
    expect(walk).toEqual({ groups: [], next: { pk: "MONTH#2024-03" } });
  });
});
