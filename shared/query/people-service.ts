import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { BadParameterError, NotFoundError } from "../errors";
import { type IndexItem, keys, type MeetingSummary, type PersonRole } from "../storage/item-keys";
import { decodeCursor, encodeCursor, queryFingerprint } from "./cursor";
import type { CursorKeySource } from "./cursor-key";
import { toMeetingSummary } from "./index-item-summary";
import { type PersonPost, personPosts } from "./person-posts";
import {
  type IndexReader,
  type MeetingGroup,
  nextPosition,
  type PartitionQuery,
  readPartition,
} from "./read-partition";
import { ROUND_TRIPS_PER_REQUEST, RoundTripBudget } from "./round-trip-budget";

export interface PersonQuery {
  /** normalised name */
  name: string;
  limit: number;
  cursor?: string;
}

/** A meeting the person appears in, with every role they had there and the titles the page gave them. */
export interface PersonAppearance extends MeetingSummary {
  roles: PersonRole[];
  titles: string[];
}

export interface PersonPage {
  name: string;
  /** the person's posts over all their meetings; on the first page only (null on later pages) */
  posts: PersonPost[] | null;
  meetings: PersonAppearance[];
  cursor: string | null;
}

export interface PeopleDeps extends IndexReader {
  cursorKey: CursorKeySource;
}

export const PERSON_ROLES: readonly PersonRole[] = ["chair", "attendee", "observer", "recorder", "mentioned"];

/**
 * Posts summarise the whole partition, so the first page reads it all (only
 * the attributes posts need). 1 MB per round trip: this bound covers a
 * person named on ~20,000 pages; past it, posts reflect the newest ones.
 */
const POSTS_MAX_ROUND_TRIPS = 10;

async function readPosts(reader: IndexReader, pk: string): Promise<{ posts: PersonPost[]; items: number }> {
  const items: IndexItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  for (let trip = 0; trip < POSTS_MAX_ROUND_TRIPS; trip++) {
    const page = await reader.ddb.send(
      new QueryCommand({
        TableName: reader.tableName,
        KeyConditionExpression: "#pk = :pk",
        // As GET /meetings: a page stored again under another key (duplicateOf) is not a second meeting.
        FilterExpression: "attribute_not_exists(#duplicateOf)",
        ProjectionExpression: "#sortDate, #personTitles",
        ExpressionAttributeNames: {
          "#pk": "pk",
          "#sortDate": "sortDate",
          "#personTitles": "personTitles",
          "#duplicateOf": "duplicateOf",
        },
        ExpressionAttributeValues: { ":pk": pk },
        ScanIndexForward: false,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as IndexItem[]));
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { posts: personPosts(items), items: items.length };
}

function toAppearance(group: MeetingGroup): PersonAppearance {
  const roles = new Set(group.items.flatMap((item) => (item.role ? [item.role] : [])));
  const titles = [...new Set(group.items.flatMap((item) => item.personTitles ?? []))];
  return {
    ...toMeetingSummary(group.items[0]),
    roles: PERSON_ROLES.filter((role) => roles.has(role)),
    titles,
  };
}

export async function getPerson(deps: PeopleDeps, query: PersonQuery): Promise<PersonPage> {
  const fingerprint = queryFingerprint({ route: "GET /people/{name}", name: query.name });
  const start =
    query.cursor === undefined ? undefined : decodeCursor(await deps.cursorKey(), fingerprint, query.cursor);
  const partition: PartitionQuery = {
    pk: keys.personPk(query.name),
    dates: {},
    filter: { hideDuplicates: true },
    groupByMeeting: true,
  };
  if (start && start.pk !== partition.pk) throw new BadParameterError("cursor", "belongs to a different query");

  let posts: PersonPost[] | null = null;
  if (!start) {
    const read = await readPosts(deps, partition.pk);
    if (read.items === 0) throw new NotFoundError(`no meeting names ${query.name}`);
    posts = read.posts;
  }

  const budget = new RoundTripBudget(ROUND_TRIPS_PER_REQUEST);
  const read = await readPartition(deps, partition, { want: query.limit, budget, startSk: start?.sk });
  const next = nextPosition(read, true);

  return {
    name: query.name,
    posts,
    meetings: read.groups.map(toAppearance),
    cursor: next ? encodeCursor(await deps.cursorKey(), fingerprint, next) : null,
  };
}
