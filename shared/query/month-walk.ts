import type { QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { UNDATED_MONTH } from "../storage/index-items";
import { keys } from "../storage/item-keys";
import type { PagePosition } from "./cursor";
import type { DateRange } from "./index-conditions";
import {
  type IndexReader,
  type MeetingGroup,
  type PartitionQuery,
  pageLimit,
  positionAfter,
  queryIndexPage,
  readPartition,
} from "./read-partition";
import type { RoundTripBudget } from "./round-trip-budget";

/**
 * GET /meetings without region, type or person: walk the MONTH#<yyyy-mm>
 * partitions newest first, from `to` (else the current month in China) back
 * to `from`, else back MONTH_WALK_YEARS years (the table keeps no record of
 * its earliest month; government sites publish minutes online from the 2000s
 * on, and an older meeting is still found with `from` or any other filter).
 * Undated records (MONTH#undated) come last, and only without date filters.
 *
 * Most months of a sparse table are empty: months are probed several at a
 * time (1, 2, 4 … up to MAX_PROBE_WIDTH in parallel, one round trip each),
 * their results used in month order.
 */
export const MONTH_WALK_YEARS = 20;
const MAX_PROBE_WIDTH = 12;
const MONTH_PREFIX = keys.monthPk("");
/** China Standard Time, where the meetings happen: the current month turns over there. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

function monthIndex(yyyyMm: string): number {
  return Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
}

function monthName(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function isMonthPartition(pk: string): boolean {
  return pk.startsWith(MONTH_PREFIX);
}

/** The month partitions to read, newest first, starting at `resumeAt` when resuming. */
export function monthsToWalk(dates: DateRange, now: Date, resumeAt?: string): string[] {
  const current = new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
  const first = monthIndex(dates.to ?? current);
  const last = dates.from === undefined ? first - MONTH_WALK_YEARS * 12 + 1 : monthIndex(dates.from);
  const months: string[] = [];
  for (let index = first; index >= last && index >= 0; index--) months.push(monthName(index));
  if (dates.from === undefined && dates.to === undefined) months.push(UNDATED_MONTH);
  if (resumeAt === undefined) return months;
  if (resumeAt === UNDATED_MONTH) return months.filter((month) => month === UNDATED_MONTH);
  return months.filter((month) => month === UNDATED_MONTH || monthIndex(month) <= monthIndex(resumeAt));
}

export interface WalkResult {
  groups: MeetingGroup[];
  next: PagePosition | null;
}

export async function walkMonths(
  reader: IndexReader,
  options: { dates: DateRange; now: Date; want: number; budget: RoundTripBudget; start?: PagePosition },
): Promise<WalkResult> {
  const { dates, want, budget, start } = options;
  const partition = (month: string): PartitionQuery => ({ pk: keys.monthPk(month), dates, groupByMeeting: false });
  const months = monthsToWalk(dates, options.now, start?.pk.slice(MONTH_PREFIX.length));
  const groups: MeetingGroup[] = [];
  let startSk = start?.sk;
  let width = 1;
  let index = 0;

  const settle = (read: Awaited<ReturnType<typeof readPartition>>): WalkResult | undefined => {
    groups.push(...read.groups);
    if (read.outcome.kind === "truncated") return { groups, next: read.outcome.resume };
    if (read.outcome.kind === "full") {
      const last = groups.at(-1);
      return { groups, next: last ? positionAfter(last, false) : null };
    }
    return undefined;
  };

  while (index < months.length) {
    const month = months[index] ?? UNDATED_MONTH;
    if (startSk !== undefined) {
      const done = settle(
        await readPartition(reader, partition(month), { want: want - groups.length, budget, startSk }),
      );
      if (done) return done;
      startSk = undefined;
      index += 1;
      continue;
    }
    if (!budget.take()) return { groups, next: { pk: keys.monthPk(month) } };
    const batch = months.slice(index, index + width);
    const remaining = want - groups.length;
    const pages: QueryCommandOutput[] = await Promise.all(
      batch.map((m) => queryIndexPage(reader, partition(m), pageLimit(partition(m), remaining))),
    );
    for (const [offset, m] of batch.entries()) {
      const read = await readPartition(reader, partition(m), {
        want: want - groups.length,
        budget,
        firstPage: pages[offset],
      });
      const done = settle(read);
      if (done) return done;
    }
    index += batch.length;
    width = Math.min(MAX_PROBE_WIDTH, width * 2);
  }
  return { groups, next: null };
}
