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
 * The whole result as text chunks, one per API page: the first page is
 * given (already fetched, so a bad filter is answered before any byte is
 * sent), the rest fetched one at a time as the consumer reads.
 */
export async function* exportChunks(
  format: ExportFormat,
  first: ListPage,
  nextPage: (cursor: string) => Promise<ListPage>,
): AsyncGenerator<string> {
  const row = format === "csv" ? csvRow : jsonlRow;
  if (format === "csv") yield csvHeader();
  let current: ListPage | null = first;
  while (current) {
    if (current.items.length > 0) yield current.items.map(row).join("");
    current = current.cursor ? await nextPage(current.cursor) : null;
  }
}
