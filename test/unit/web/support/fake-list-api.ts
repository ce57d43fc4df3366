import type { ApiAnswer } from "../../../../shared/web/query-api";

/** A meeting summary as GET /meetings lists it, numbered n. */
export const summary = (n: number, title = `会议${n}`) => ({
  id: `rec_${n.toString(16).padStart(20, "0")}`,
  kind: "minutes" as const,
  title,
  date: "2022-01-26",
  sortDate: "2022-01-26",
  meetingType: "government-executive",
  meetingName: null,
  regionCode: "320404",
  regionName: "江苏省常州市钟楼区",
  chair: "李超鲲",
  duplicateOf: null,
  sourceUri: "s3://b/raw/x.txt",
});

/**
 * GET /meetings over `total` meetings: `limit` a page (20 by default), the
 * cursor being the next meeting's number, so a test can read where a page
 * started from its cursor.
 */
export function listPage(total: number, query: Record<string, string | undefined>): ApiAnswer {
  const start = Number(query.cursor ?? 0);
  const size = Number(query.limit ?? 20);
  const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => summary(start + i));
  return { status: 200, body: { items, cursor: start + size < total ? String(start + size) : null } };
}
