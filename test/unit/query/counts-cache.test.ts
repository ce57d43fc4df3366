import { describe, expect, it } from "vitest";
import { COUNTS_CACHE_ENTRIES, COUNTS_FRESH_MS, cachedCounts, countsKey } from "../../../shared/query/counts-cache";
import type { CountQuery, MeetingCounts } from "../../../shared/query/meeting-counts-service";
import { parseMeetingQuery } from "../../../shared/query/parse-meeting-query";

function filters(parameters: Record<string, string> = {}): CountQuery {
  const { limit: _limit, cursor: _cursor, ...rest } = parseMeetingQuery(new Map(Object.entries(parameters)));
  return rest;
}

const EVERY_FILTER = {
  region: "钟楼区",
  type: "work-meeting",
  from: "2022-01-01",
  to: "2022-12-31",
  person: "李超鲲",
  kind: "news",
  includeDuplicates: "true",
};
/** For each filter, another value it takes. */
const OTHER_VALUE: Record<keyof typeof EVERY_FILTER, string> = {
  region: "金坛区",
  type: "government-executive",
  from: "2022-01-02",
  to: "2022-12-30",
  person: "李超",
  kind: "minutes",
  includeDuplicates: "false",
};

/** A counting source that counts its passes and lets the test settle each. */
function countingSource() {
  const passes: { query: CountQuery; settle: (error?: Error) => void }[] = [];
  const source = (query: CountQuery) =>
    new Promise<MeetingCounts>((resolve, reject) => {
      passes.push({
        query,
        settle: (error) =>
          error
            ? reject(error)
            : resolve({ total: passes.length, complete: true, byMonth: [], byType: [], regions: [] }),
      });
    });
  return { source, passes };
}

describe("countsKey", () => {
  it("tells apart two filters that differ in any one member, each filter in turn", () => {
    const base = countsKey(filters(EVERY_FILTER));
    for (const [name, value] of Object.entries(OTHER_VALUE)) {
      expect(countsKey(filters({ ...EVERY_FILTER, [name]: value })), name).not.toBe(base);
      const { [name as keyof typeof EVERY_FILTER]: _dropped, ...without } = EVERY_FILTER;
      expect(countsKey(filters(without)), `without ${name}`).not.toBe(base);
    }
  });

  it("tells apart members it has never heard of, so a filter added later cannot share another's counts", () => {
    const query = filters();
    expect(countsKey({ ...query, newFilter: "a" } as CountQuery)).not.toBe(
      countsKey({ ...query, newFilter: "b" } as CountQuery),
    );
  });

  it("is the same for the same filter whatever the order of its members or a member left undefined", () => {
    const query = filters(EVERY_FILTER);
    const reversed = Object.fromEntries(Object.entries(query).reverse()) as CountQuery;
    expect(countsKey(reversed)).toBe(countsKey(query));
    expect(countsKey({ ...filters(), type: undefined })).toBe(countsKey(filters()));
    // 鐘樓區 and 钟楼区 name one region, so they are one filter
    expect(countsKey(filters({ region: "鐘樓區" }))).toBe(countsKey(filters({ region: "钟楼区" })));
  });
});

describe("cachedCounts", () => {
  it("shares one pass among the requests for a filter made while it runs", async () => {
    const { source, passes } = countingSource();
    const counts = cachedCounts(source);
    const first = counts(filters());
    const second = counts(filters());
    expect(passes).toHaveLength(1);
    passes[0]?.settle();
    expect(await first).toBe(await second);
  });

  it(`reuses the counts until ${COUNTS_FRESH_MS / 1000} s after their pass began, then counts afresh`, async () => {
    const { source, passes } = countingSource();
    let now = 1_000_000;
    const counts = cachedCounts(source, { now: () => now });
    const first = counts(filters());
    now += COUNTS_FRESH_MS / 2;
    passes[0]?.settle();
    await first;
    now += COUNTS_FRESH_MS / 2 - 1;
    expect(await counts(filters())).toBe(await first);
    expect(passes).toHaveLength(1);
    now += 1;
    const fresh = counts(filters());
    expect(passes).toHaveLength(2);
    passes[1]?.settle();
    expect((await fresh).total).toBe(2);
  });

  it("never answers one filter with another's counts", async () => {
    const { source, passes } = countingSource();
    const counts = cachedCounts(source);
    void counts(filters({ region: "钟楼区" }));
    void counts(filters({ region: "金坛区" }));
    void counts(filters({ region: "钟楼区", type: "work-meeting" }));
    expect(passes.map((pass) => pass.query.region?.code ?? null)).toEqual(["320404", "320413", "320404"]);
    for (const pass of passes) pass.settle();
  });

  it("forgets a failed pass, so the next request reads again", async () => {
    const { source, passes } = countingSource();
    const counts = cachedCounts(source);
    const failing = counts(filters());
    passes[0]?.settle(new Error("throttled"));
    await expect(failing).rejects.toThrow("throttled");
    const retried = counts(filters());
    expect(passes).toHaveLength(2);
    passes[1]?.settle();
    await expect(retried).resolves.toMatchObject({ total: 2 });
  });

  it(`remembers at most ${COUNTS_CACHE_ENTRIES} filters, dropping the least recently used`, async () => {
    const { source, passes } = countingSource();
    const counts = cachedCounts(source);
    const months = Array.from({ length: COUNTS_CACHE_ENTRIES + 1 }, (_, i) =>
      filters({ from: `2020-01-${String(i + 1).padStart(2, "0")}` }),
    );
    void counts(months[0] as CountQuery);
    for (const query of months.slice(1, -1)) void counts(query);
    void counts(months[0] as CountQuery); // used again: now the most recent
    expect(passes).toHaveLength(COUNTS_CACHE_ENTRIES);
    void counts(months.at(-1) as CountQuery); // one too many: drops months[1]
    void counts(months[0] as CountQuery);
    expect(passes).toHaveLength(COUNTS_CACHE_ENTRIES + 1);
    void counts(months[1] as CountQuery);
    expect(passes).toHaveLength(COUNTS_CACHE_ENTRIES + 2);
    for (const pass of passes) pass.settle();
  });
});
