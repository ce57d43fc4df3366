import type { MeetingCounts, RegionCount } from "./meeting-counts-service";
import { normaliseName } from "./normalise-name";

/**
 * GET /regions: the regions that hold meetings, with how many, for the web
 * app's region suggestions and for callers that want to know which names
 * the `region` filter will find. A meeting counts for its own region and
 * for each region containing it (钟楼区, 常州市, 江苏省), as the `region`
 * filter finds it under each. From the counting pass GET /stats shares
 * (meeting-counts-service.ts), so the counts agree with GET /meetings.
 */
export interface RegionCounts {
  /** meetings counted */
  total: number;
  complete: boolean;
  /** most meetings first */
  regions: RegionCount[];
}

function matches(region: RegionCount, match: string | undefined): boolean {
  if (match === undefined) return true;
  return /^\d+$/.test(match) ? region.code.startsWith(match) : region.name.includes(match);
}

/** The counted regions, those whose name contains `match` (either script) or whose code starts with it. */
export function regionCounts({ total, complete, regions }: MeetingCounts, rawMatch?: string): RegionCounts {
  const match = rawMatch === undefined ? undefined : normaliseName(rawMatch);
  return { total, complete, regions: regions.filter((region) => matches(region, match)) };
}
