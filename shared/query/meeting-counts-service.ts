import { type MeetingSummary, UNDATED } from "../storage/item-keys";
import { listMeetings, type MeetingListDeps } from "./meeting-query-service";
import type { MeetingQuery } from "./parse-meeting-query";
import { type RegionLevel, regionLineage, shortestName } from "./resolve-region";
import { RoundTripBudget } from "./round-trip-budget";

/**
 * One counting pass over the meetings GET /meetings lists for a filter,
 * yielding what GET /stats (months, types) and GET /regions (regions) answer,
 * so the web app's home page, which asks both, reads the meetings once. It
 * pages through the very listing, so the counts agree with the list by
 * construction, whatever filters the listing learns. Counting stops at
 * MAX_COUNTED meetings or COUNTING_ROUND_TRIPS round trips (`complete:
 * false`), which bounds one request's work.
 */
export const MAX_COUNTED = 10_000;
/**
 * Meetings per listing page while counting: ~1,000 index summaries stay
 * well under DynamoDB's 1 MB a Query, so 10,000 meetings cost ~10 Queries.
 */
export const COUNTED_PAGE = 1_000;
/**
 * DynamoDB round trips one counting pass may make in all: 10,000 meetings
 * take 10–20, and a filter that matches few meetings of a large partition
 * would otherwise read the whole partition. Past it the counts so far are
 * answered with `complete: false`, as past MAX_COUNTED.
 */
export const COUNTING_ROUND_TRIPS = 60;

/** The filters of GET /meetings, without paging. */
export type CountQuery = Omit<MeetingQuery, "limit" | "cursor">;

export interface RegionCount {
  code: string;
  level: RegionLevel;
  /** full name, e.g. 江苏省常州市钟楼区 */
  name: string;
  /** the shortest name that resolves to this region alone, as a `region` value (钟楼区) */
  shortName: string;
  count: number;
}

export interface MeetingCounts {
  total: number;
  /** false when counting stopped at MAX_COUNTED meetings or COUNTING_ROUND_TRIPS round trips */
  complete: boolean;
  /** oldest first; "undated" (neither meeting nor published date) last */
  byMonth: { month: string; count: number }[];
  /** most frequent first; "unknown" for records without a meeting type */
  byType: { type: string; count: number }[];
  /** each meeting counts for its county and the city and province containing it; most meetings first */
  regions: RegionCount[];
}

/**
 * Visits every meeting GET /meetings lists for `query`, page by page, until
 * the list ends, `maxCounted` are visited or the pass's round trips are spent.
 */
export async function eachListedMeeting(
  deps: MeetingListDeps,
  query: CountQuery,
  maxCounted: number,
  visit: (item: MeetingSummary) => void,
  budget = new RoundTripBudget(COUNTING_ROUND_TRIPS),
): Promise<{ total: number; complete: boolean }> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const limit = Math.min(COUNTED_PAGE, maxCounted - total);
    const page = await listMeetings(deps, { ...query, limit, ...(cursor === undefined ? {} : { cursor }) }, budget);
    for (const item of page.items) visit(item);
    total += page.items.length;
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined && total < maxCounted && !budget.exhausted);
  return { total, complete: cursor === undefined };
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export async function countMeetings(
  deps: MeetingListDeps,
  query: CountQuery,
  maxCounted = MAX_COUNTED,
): Promise<MeetingCounts> {
  const months = new Map<string, number>();
  const types = new Map<string, number>();
  const regions = new Map<string, RegionCount>();
  const { total, complete } = await eachListedMeeting(deps, query, maxCounted, (item) => {
    increment(months, item.sortDate === UNDATED ? "undated" : item.sortDate.slice(0, 7));
    increment(types, item.meetingType ?? "unknown");
    if (!item.regionCode) return;
    for (const region of regionLineage(item.regionCode)) {
      const counted = regions.get(region.code);
      if (counted) counted.count += 1;
      else regions.set(region.code, { ...region, shortName: shortestName(region.code) ?? region.name, count: 1 });
    }
  });

  return {
    total,
    complete,
    byMonth: [...months]
      .map(([month, count]) => ({ month, count }))
      .sort((a, b) => (a.month === "undated" ? 1 : b.month === "undated" ? -1 : a.month.localeCompare(b.month))),
    byType: [...types]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    regions: [...regions.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}
