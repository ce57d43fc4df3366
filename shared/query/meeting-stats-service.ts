import type { MeetingCounts } from "./meeting-counts-service";

/**
 * GET /stats: how many meetings match the GET /meetings filters, per month
 * and per meeting type (the web app's chart and facets), from the counting
 * pass it shares with GET /regions (meeting-counts-service.ts).
 */
export type MeetingStats = Pick<MeetingCounts, "total" | "complete" | "byMonth" | "byType">;

export function meetingStats({ total, complete, byMonth, byType }: MeetingCounts): MeetingStats {
  return { total, complete, byMonth, byType };
}
