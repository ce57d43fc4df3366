import { BadParameterError } from "../errors";
import { keys, type MeetingSummary } from "../storage/item-keys";
import { decodeCursor, encodeCursor, type PagePosition, queryFingerprint } from "./cursor";
import type { CursorKeySource } from "./cursor-key";
import { toMeetingSummary } from "./index-item-summary";
import { isMonthPartition, walkMonths } from "./month-walk";
import type { MeetingQuery } from "./parse-meeting-query";
import {
  type IndexReader,
  type MeetingGroup,
  nextPosition,
  type PartitionQuery,
  readPartition,
} from "./read-partition";
import { ROUND_TRIPS_PER_REQUEST, RoundTripBudget } from "./round-trip-budget";

export interface MeetingListDeps extends IndexReader {
  cursorKey: CursorKeySource;
  now: () => Date;
}

export interface MeetingPage {
  items: MeetingSummary[];
  cursor: string | null;
}

/**
 * The most selective partition for a query (person > region > type), with
 * the other filters applied to the summaries on its items; undefined when
 * only dates (or nothing) are given, which means the month walk.
 */
export function choosePartition(query: MeetingQuery): PartitionQuery | undefined {
  const dates = { from: query.from, to: query.to };
  if (query.person !== undefined) {
    return {
      pk: keys.personPk(query.person),
      dates,
      filter: { type: query.type, region: query.region },
      groupByMeeting: true,
    };
  }
  if (query.region !== undefined) {
    return { pk: keys.regionPk(query.region.code), dates, filter: { type: query.type }, groupByMeeting: false };
  }
  if (query.type !== undefined) return { pk: keys.typePk(query.type), dates, groupByMeeting: false };
  return undefined;
}

function fingerprintOf(query: MeetingQuery): string {
  return queryFingerprint({
    route: "GET /meetings",
    region: query.region?.code ?? null,
    type: query.type ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    person: query.person ?? null,
  });
}

export async function listMeetings(deps: MeetingListDeps, query: MeetingQuery): Promise<MeetingPage> {
  const fingerprint = fingerprintOf(query);
  const start =
    query.cursor === undefined ? undefined : decodeCursor(await deps.cursorKey(), fingerprint, query.cursor);
  const budget = new RoundTripBudget(ROUND_TRIPS_PER_REQUEST);
  const partition = choosePartition(query);

  let groups: MeetingGroup[];
  let next: PagePosition | null;
  if (partition) {
    if (start && start.pk !== partition.pk) throw new BadParameterError("cursor", "belongs to a different query");
    const read = await readPartition(deps, partition, { want: query.limit, budget, startSk: start?.sk });
    groups = read.groups;
    next = nextPosition(read, partition.groupByMeeting);
  } else {
    if (start && !isMonthPartition(start.pk)) throw new BadParameterError("cursor", "belongs to a different query");
    const dates = { from: query.from, to: query.to };
    ({ groups, next } = await walkMonths(deps, { dates, now: deps.now(), want: query.limit, budget, start }));
  }

  return {
    items: groups.map((group) => toMeetingSummary(group.items[0])),
    cursor: next ? encodeCursor(await deps.cursorKey(), fingerprint, next) : null,
  };
}
