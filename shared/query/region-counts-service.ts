import type { MeetingListDeps } from "./meeting-query-service";
import { eachListedMeeting, MAX_COUNTED } from "./meeting-stats-service";
import { normaliseName } from "./normalise-name";
import type { MeetingQuery } from "./parse-meeting-query";
import { type RegionLevel, regionLineage, shortestName } from "./resolve-region";

/**
 * GET /regions: the regions that hold meetings, with how many, for the web
 * app's region suggestions and for callers that want to know which names
 * the `region` filter will find. A meeting counts for its own region and
 * for each region containing it (钟楼区, 常州市, 江苏省), as the `region`
 * filter finds it under each. Counted over the same listing as GET /stats
 * (so the counts agree with GET /meetings), up to MAX_COUNTED meetings.
 */
export interface RegionCount {
  code: string;
  level: RegionLevel;
  /** full name, e.g. 江苏省常州市钟楼区 */
  name: string;
  /** the shortest name that resolves to this region alone, as a `region` value (钟楼区) */
  shortName: string;
  count: number;
}

export interface RegionCounts {
  /** meetings counted */
  total: number;
  complete: boolean;
  /** most meetings first */
  regions: RegionCount[];
}

export type RegionQuery = Omit<MeetingQuery, "limit" | "cursor" | "region"> & {
  /** part of a region name in either script, or the start of a code */
  match?: string;
};

function matches(region: RegionCount, match: string | undefined): boolean {
  if (match === undefined) return true;
  return /^\d+$/.test(match) ? region.code.startsWith(match) : region.name.includes(match);
}

export async function regionCounts(
  deps: MeetingListDeps,
  { match: rawMatch, ...query }: RegionQuery,
  maxCounted = MAX_COUNTED,
): Promise<RegionCounts> {
  const byCode = new Map<string, RegionCount>();
  const { total, complete } = await eachListedMeeting(deps, query, maxCounted, (item) => {
    if (!item.regionCode) return;
    for (const region of regionLineage(item.regionCode)) {
      const counted = byCode.get(region.code);
      if (counted) counted.count += 1;
      else byCode.set(region.code, { ...region, shortName: shortestName(region.code) ?? region.name, count: 1 });
    }
  });
  const match = rawMatch === undefined ? undefined : normaliseName(rawMatch);
  return {
    total,
    complete,
    regions: [...byCode.values()]
      .filter((region) => matches(region, match))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}
