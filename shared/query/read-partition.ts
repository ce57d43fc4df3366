import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import type { IndexItem } from "../storage/item-keys";
import type { PagePosition } from "./cursor";
import { type DateRange, isSelective, keyCondition, type SummaryFilter, summaryFilter } from "./index-conditions";
import type { RoundTripBudget } from "./round-trip-budget";

/**
 * Reads one index partition newest first, a page's worth of meetings at a
 * time. DynamoDB applies Limit *before* FilterExpression, so a Query page
 * may hold fewer matches than asked for (even none) while more follow: we
 * keep querying until `want` meetings are collected, plus one to know that
 * another page exists, or the partition ends, or the round-trip budget runs
 * out. The next page starts after the last meeting *returned*, never at
 * DynamoDB's LastEvaluatedKey, which may lie past matches we did not return.
 */

export interface IndexReader {
  ddb: DynamoDBDocumentClient;
  tableName: string;
}

export interface PartitionQuery {
  pk: string;
  dates: DateRange;
  filter?: SummaryFilter;
  /**
   * Person partitions hold one item per role (sk `<date>#<id>#<role>`);
   * these adjacent items are merged into one group per meeting.
   */
  groupByMeeting: boolean;
}

/** The index items of one meeting in one partition (one, or one per role). */
export interface MeetingGroup {
  id: string;
  items: [IndexItem, ...IndexItem[]];
}

export type PartitionOutcome =
  /** a meeting beyond `want` exists: the page is full and another follows */
  | { kind: "full" }
  | { kind: "ended" }
  /** the budget ran out: resume reading at this position */
  | { kind: "truncated"; resume: PagePosition };

export interface PartitionRead {
  groups: MeetingGroup[];
  outcome: PartitionOutcome;
}

/** Items examined per Query when a filter may discard most of them (~100 kB of summaries). */
const FILTERED_PAGE_ITEMS = 200;
/** At most one person item per role: chair, attendee, observer, recorder, mentioned. */
const ROLES_PER_MEETING = 5;

export function queryIndexPage(
  reader: IndexReader,
  query: PartitionQuery,
  limit: number,
  startSk?: string,
): Promise<QueryCommandOutput> {
  const key = keyCondition(query.pk, query.dates);
  const filter = query.filter ? summaryFilter(query.filter) : undefined;
  return reader.ddb.send(
    new QueryCommand({
      TableName: reader.tableName,
      KeyConditionExpression: key.expression,
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ExpressionAttributeNames: { ...key.names, ...filter?.names },
      ExpressionAttributeValues: { ...key.values, ...filter?.values },
      ScanIndexForward: false,
      Limit: limit,
      ...(startSk === undefined ? {} : { ExclusiveStartKey: { pk: query.pk, sk: startSk } }),
    }),
  );
}

/** How many items to ask DynamoDB for when `remaining` more meetings are wanted. */
export function pageLimit(query: PartitionQuery, remaining: number): number {
  if (query.filter && isSelective(query.filter)) return FILTERED_PAGE_ITEMS;
  return query.groupByMeeting ? (remaining + 1) * ROLES_PER_MEETING : remaining + 1;
}

/**
 * The sk prefix every item of a meeting shares in a person partition,
 * `<sortDate>#<id>#`. Descending, the roles of one meeting lie just above
 * it and `<prefix>~` lies just above them, so an ExclusiveStartKey of
 * `<prefix>` skips the whole meeting and one of `<prefix>~` re-reads it
 * from its first role. DynamoDB accepts a start key that is no item's key.
 */
function meetingPrefix(personSk: string): string {
  return personSk.slice(0, personSk.lastIndexOf("#") + 1);
}

/** Where the page after a returned meeting starts. */
export function positionAfter(group: MeetingGroup, grouped: boolean): PagePosition {
  const { pk, sk } = group.items[0];
  return { pk, sk: grouped ? meetingPrefix(sk) : sk };
}

/** Where the page after this read starts, or null when the partition has no more. */
export function nextPosition(read: PartitionRead, grouped: boolean): PagePosition | null {
  if (read.outcome.kind === "truncated") return read.outcome.resume;
  const last = read.groups.at(-1);
  return read.outcome.kind === "full" && last ? positionAfter(last, grouped) : null;
}

export async function readPartition(
  reader: IndexReader,
  query: PartitionQuery,
  options: { want: number; budget: RoundTripBudget; startSk?: string },
): Promise<PartitionRead> {
  const { want, budget } = options;
  const groups: MeetingGroup[] = [];
  let startSk = options.startSk;

  for (;;) {
    if (!budget.take()) {
      return { groups, outcome: { kind: "truncated", resume: resumeAfterBudget(query, groups, startSk) } };
    }
    const page = await queryIndexPage(reader, query, pageLimit(query, want - groups.length), startSk);

    for (const raw of page.Items ?? []) {
      const item = raw as IndexItem;
      const last = groups.at(-1);
      if (query.groupByMeeting && last?.id === item.id) {
        last.items.push(item);
        continue;
      }
      if (groups.length >= want) return { groups, outcome: { kind: "full" } };
      groups.push({ id: item.id, items: [item] });
    }

    const lastKey = page.LastEvaluatedKey;
    if (!lastKey) return { groups, outcome: { kind: "ended" } };
    startSk = String(lastKey.sk);
  }
}

/**
 * Stopping between two Query pages: ungrouped, resume at the last key
 * DynamoDB evaluated. Grouped, that key may sit among the roles of a meeting
 * we have only partly read: drop that meeting from this page and resume at
 * its first role, so it is returned whole, once, on the next page.
 */
function resumeAfterBudget(query: PartitionQuery, groups: MeetingGroup[], startSk: string | undefined): PagePosition {
  if (startSk === undefined) return { pk: query.pk };
  if (!query.groupByMeeting || startSk.endsWith("#") || startSk.endsWith("~")) return { pk: query.pk, sk: startSk };
  const prefix = meetingPrefix(startSk);
  const openId = prefix.split("#")[1];
  if (groups.at(-1)?.id === openId) groups.pop();
  return { pk: query.pk, sk: `${prefix}~` };
}
