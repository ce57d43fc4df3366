import { type MeetingSummary, UNDATED } from "../storage/item-keys";
import { listMeetings, type MeetingListDeps } from "./meeting-query-service";
import type { MeetingQuery } from "./parse-meeting-query";

/**
 * GET /stats: how many meetings match the GET /meetings filters, per month
 * and per meeting type (the web app's chart and facets). It pages through
 * the very same listing, so the counts agree with the list by construction,
 * whatever filters the listing learns. Counting stops at MAX_COUNTED
 * meetings (`complete: false`), which bounds the work of one request.
 */
export const MAX_COUNTED = 10_000;
const PAGE = 100;

/**
 * Visits every meeting GET /meetings lists for `query`, page by page, until
 * the list ends or `maxCounted` are visited (rounded up to a page).
 */
export async function eachListedMeeting(
  deps: MeetingListDeps,
  query: Omit<MeetingQuery, "limit" | "cursor">,
  maxCounted: number,
  visit: (item: MeetingSummary) => void,
): Promise<{ total: number; complete: boolean }> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await listMeetings(deps, { ...query, limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
    for (const item of page.items) visit(item);
    total += page.items.length;
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined && total < maxCounted);
  return { total, complete: cursor === undefined };
}

export interface MeetingStats {
  total: number;
  /** false when counting stopped at MAX_COUNTED */
  complete: boolean;
  /** oldest first; "undated" for meetings with neither meeting nor published date */
  byMonth: { month: string; count: number }[];
  /** most frequent first; "unknown" for records without a meeting type */
  byType: { type: string; count: number }[];
}

export async function meetingStats(
  deps: MeetingListDeps,
  query: Omit<MeetingQuery, "limit" | "cursor">,
  maxCounted = MAX_COUNTED,
): Promise<MeetingStats> {
  const months = new Map<string, number>();
  const types = new Map<string, number>();
  const { total, complete } = await eachListedMeeting(deps, query, maxCounted, (item) => {
    const month = item.sortDate === UNDATED ? "undated" : item.sortDate.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
    const type = item.meetingType ?? "unknown";
    types.set(type, (types.get(type) ?? 0) + 1);
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
  };
}
