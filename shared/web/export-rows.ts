import type { MeetingSummary } from "../storage/item-keys";
import { meetingTypeLabel } from "./labels";

/** The downloadable formats of a meetings list. */
export const EXPORT_FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const CSV_COLUMNS = [
  "id",
  "kind",
  "date",
  "sortDate",
  "meetingType",
  "meetingTypeLabel",
  "meetingName",
  "title",
  "regionCode",
  "regionName",
  "chair",
  "sourceUri",
] as const;

/** Excel opens UTF-8 CSV as UTF-8 (not the ANSI code page) only when it starts with a BOM. */
export const UTF8_BOM = "\uFEFF";

/**
 * One CSV field (RFC 4180 quoting). A field starting with = + - @ is
 * prefixed with ' so a spreadsheet shows scraped text instead of running it
 * as a formula.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${UTF8_BOM}${CSV_COLUMNS.join(",")}\r\n`;
}

export function csvRow(item: MeetingSummary): string {
  const values: Record<(typeof CSV_COLUMNS)[number], string | null> = {
    ...item,
    meetingTypeLabel: item.meetingType ? meetingTypeLabel(item.meetingType) : null,
  };
  return `${CSV_COLUMNS.map((column) => csvField(values[column])).join(",")}\r\n`;
}

export function jsonlRow(item: MeetingSummary): string {
  return `${JSON.stringify(item)}\n`;
}

export interface ListPage {
  items: MeetingSummary[];
  cursor: string | null;
}

/**
 * Rows one download sends at most. The web pages are public and a download
 * holds one of the download function's few concurrent invocations while it runs,
 * so it is bounded: 50,000 rows is 500 API pages and about 10 MB of CSV; a
 * longer list continues from the truncation row's link, and `docket export`
 * has no bound.
 */
export const DOWNLOAD_MAX_ROWS = 50_000;
/**
 * A download reads another page only while more than this is left of the
 * function's time (Lambda's remaining time), so it ends with its marker well
 * before the function is cut off: room for one slow page read, its
 * throttling retries included, and the marker.
 */
export const DOWNLOAD_TIME_RESERVE_MS = 30_000;

/** Why a download ended before its result did. */
export type TruncationReason = "rows" | "time";

export interface ExportLimits {
  /** rows sent at most (DOWNLOAD_MAX_ROWS) */
  maxRows: number;
  /** rows asked of the API a page, fewer when the limit leaves fewer */
  pageSize: number;
  /** milliseconds before the download must have ended; none: no time bound */
  timeLeft?: () => number;
  /** read another page only while more than this is left (DOWNLOAD_TIME_RESERVE_MS) */
  reserveMs: number;
  /** the link that downloads the rest, from the cursor where this one stopped */
  continueAt: (cursor: string) => string;
}

/** Where and why a download stopped short, and how to get the rest. */
export interface Truncation {
  reason: TruncationReason;
  rows: number;
  maxRows: number;
  next: string;
}

/** The marker's message, in the pages' language. */
export function truncationMessage(t: Truncation): string {
  const why = t.reason === "rows" ? `单次下载最多 ${t.maxRows} 行` : "已到单次下载的时间上限";
  return `下载不完整，在第 ${t.rows} 行后截断（${why}）。其余结果请从此地址继续下载：${t.next}`;
}

/**
 * The last record of a cut-short download, in the download's own format,
 * since the status and headers were sent before the cut was known: for CSV a
 * row with id TRUNCATED, kind "truncated", the message as its title and the
 * continuation link as its sourceUri; for JSON Lines an object with
 * `"truncated": true` (and no id, so it is never taken for a meeting).
 */
export function truncationRow(format: ExportFormat, t: Truncation): string {
  if (format === "jsonl") return `${JSON.stringify({ truncated: true, ...t, message: truncationMessage(t) })}\n`;
  const values: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {
    id: "TRUNCATED",
    kind: "truncated",
    title: truncationMessage(t),
    sourceUri: t.next,
  };
  return `${CSV_COLUMNS.map((column) => csvField(values[column] ?? null)).join(",")}\r\n`;
}

/**
 * The result as text chunks, one per API page: the first page is given
 * (already fetched, so a bad filter is answered before any byte is sent),
 * the rest fetched one at a time as the consumer reads. With limits (the
 * web's downloads) each page asks for no more rows than the limit leaves,
 * and at the row limit, or short of time, with more to read, it ends with
 * the truncation row instead of the rest; without (`docket export`), it
 * reads to the end.
 */
export async function* exportChunks(
  format: ExportFormat,
  first: ListPage,
  nextPage: (cursor: string, limit?: number) => Promise<ListPage>,
  limits?: ExportLimits,
): AsyncGenerator<string> {
  const row = format === "csv" ? csvRow : jsonlRow;
  if (format === "csv") yield csvHeader();
  let current = first;
  let rows = 0;
  for (;;) {
    if (current.items.length > 0) yield current.items.map(row).join("");
    rows += current.items.length;
    if (!current.cursor) return;
    if (!limits) {
      current = await nextPage(current.cursor);
      continue;
    }
    const reason: TruncationReason | null =
      rows >= limits.maxRows ? "rows" : limits.timeLeft && limits.timeLeft() <= limits.reserveMs ? "time" : null;
    if (reason) {
      yield truncationRow(format, { reason, rows, maxRows: limits.maxRows, next: limits.continueAt(current.cursor) });
      return;
    }
    current = await nextPage(current.cursor, Math.min(limits.pageSize, limits.maxRows - rows));
  }
}
