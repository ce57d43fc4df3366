import { BadParameterError } from "../errors";
import { keys, type MeetingSummary } from "../storage/item-keys";
import { decodeCursor, encodeCursor, type PagePosition, queryFingerprint } from "./cursor";
import type { CursorKeySource } from "./cursor-key";
import type { KindFilter } from "./index-conditions";
import { toMeetingSummary } from "./index-item-summary";
import type { MeetingQuery } from "./parse-meeting-query";
import { type IndexReader, nextPosition, type PartitionQuery, readPartition } from "./read-partition";
import { ROUND_TRIPS_PER_REQUEST, RoundTripBudget } from "./round-trip-budget";

export interface MeetingListDeps extends IndexReader {
  cursorKey: CursorKeySource;
}

export interface MeetingPage {
  items: MeetingSummary[];
  cursor: string | null;
}

/**
 * The most selective partition for a query (person > region > type, else
 * the list partition of the kinds asked for), with the other filters
 * applied to the summaries on its items. So every page is one partition
 * read: one Query, unless filters discard most of what it examines. Dates
 * bound the sort key, so a range reaching far past the data costs nothing.
 */
export function choosePartition(query: MeetingQuery): PartitionQuery {
  const dates = { from: query.from, to: query.to };
  const kind: KindFilter =
    query.kind === "meetings"
      ? { kinds: "meetings" }
      : query.kind === "other"
        ? { kinds: "other" }
        : { kind: query.kind };
  const hideDuplicates = !query.includeDuplicates;
  if (query.person !== undefined) {
    return {
      pk: keys.personPk(query.person),
      dates,
      filter: { type: query.type, region: query.region, kind, hideDuplicates },
      groupByMeeting: true,
    };
  }
  if (query.region !== undefined) {
    const filter = { type: query.type, kind, hideDuplicates };
    return { pk: keys.regionPk(query.region.code), dates, filter, groupByMeeting: false };
  }
  if (query.type !== undefined) {
    return { pk: keys.typePk(query.type), dates, filter: { kind, hideDuplicates }, groupByMeeting: false };
  }
  // The list partition holds its kinds only: filter on kind only to pick one of them.
  const list = "kinds" in kind ? kind.kinds : "meetings";
  const filter = "kinds" in kind ? { hideDuplicates } : { kind, hideDuplicates };
  return { pk: keys.listPk(list), dates, filter, groupByMeeting: false };
}

function fingerprintOf(query: MeetingQuery): string {
  return queryFingerprint({
    route: "GET /meetings",
    region: query.region?.code ?? null,
    type: query.type ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
    person: query.person ?? null,
    kind: query.kind,
    includeDuplicates: String(query.includeDuplicates),
  });
}

/** One page of the list; `budget` is the request's when several pages share it (a counting pass). */
export async function listMeetings(
  deps: MeetingListDeps,
  query: MeetingQuery,
  budget = new RoundTripBudget(ROUND_TRIPS_PER_REQUEST),
): Promise<MeetingPage> {
  const fingerprint = fingerprintOf(query);
  const start =
    query.cursor === undefined ? undefined : decodeCursor(await deps.cursorKey(), fingerprint, query.cursor);
  const partition = choosePartition(query);
  if (start && start.pk !== partition.pk) throw new BadParameterError("cursor", "belongs to a different query");
  const read = await readPartition(deps, partition, { want: query.limit, budget, startSk: start?.sk });
  const next: PagePosition | null = nextPosition(read, partition.groupByMeeting);

  return {
    items: read.groups.map((group) => toMeetingSummary(group.items[0])),
    cursor: next ? encodeCursor(await deps.cursorKey(), fingerprint, next) : null,
  };
}
