import type { MeetingSummary } from "../../shared/storage/item-keys";
import { displayWidth, padToWidth, truncateToWidth } from "./display-width";

/** GET /meetings items as a readable table: date, type, region, title, id. */
const TITLE_COLUMNS = 48;

export function meetingTable(items: MeetingSummary[]): string {
  const header = ["DATE", "TYPE", "REGION", "TITLE", "ID"];
  const rows = items.map((item) => [
    // An undated meeting sorts by its published date, shown in brackets.
    item.date ?? (item.sortDate === "0000-00-00" ? "-" : `(${item.sortDate})`),
    item.meetingType ?? item.kind,
    item.regionName ?? "-",
    truncateToWidth(item.title ?? item.meetingName ?? "(untitled)", TITLE_COLUMNS),
    item.id,
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ""))));
  return all
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : padToWidth(cell, widths[column] ?? 0))).join("  "),
    )
    .join("\n");
}
