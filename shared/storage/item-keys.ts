/**
 * Key layout of the single table (see table-definition.ts). The contract
 * between the writer (record-store) and the reader (query API):
 *
 *   record item   pk REC#<id>              sk RECORD
 *   region index  pk REGION#<code>         sk <sortDate>#<id>   one per level: county, city and province code
 *   type index    pk TYPE#<meetingType>    sk <sortDate>#<id>   (kind "other" records: TYPE#none)
 *   list index    pk LIST#meetings         sk <sortDate>#<id>   kind minutes and news
 *                 pk LIST#other            sk <sortDate>#<id>   kind other
 *   person index  pk PERSON#<name>         sk <sortDate>#<id>#<role>
 *   content       pk CONTENT#<sha256>      sk CONTENT           the first record stored with these raw bytes
 *
 * sortDate is the meeting date, else the page's published date, else
 * 0000-00-00, so a descending Query on sk lists newest first and a date
 * range is a BETWEEN on sk. Every index item carries the summary the list
 * endpoints return, so a page of results costs one Query and no extra reads.
 *
 * The list partitions serve GET /meetings without region, type or person in
 * one Query whatever the date range. One partition per kind class takes a
 * write per record, as the type partition of the commonest meeting type
 * already does; DynamoDB serves 1,000 writes a second per partition key
 * (more once it splits a hot key by sort key), far above the store
 * function's rate, so it is not sharded.
 */
export const RECORD_SK = "RECORD";
export const UNDATED = "0000-00-00";

/** The list partitions: meetings (kind minutes and news), and everything else. */
export type ListKinds = "meetings" | "other";

export type PersonRole = "chair" | "attendee" | "observer" | "recorder" | "mentioned";

export const keys = {
  record: (id: string) => ({ pk: `REC#${id}`, sk: RECORD_SK }),
  regionPk: (code: string) => `REGION#${code}`,
  typePk: (type: string) => `TYPE#${type}`,
  listPk: (kinds: ListKinds) => `LIST#${kinds}`,
  content: (sha256: string) => ({ pk: `CONTENT#${sha256}`, sk: "CONTENT" }),
  personPk: (name: string) => `PERSON#${name}`,
  /** sk of region, type and month index items */
  datedSk: (sortDate: string, id: string) => `${sortDate}#${id}`,
  personSk: (sortDate: string, id: string, role: PersonRole) => `${sortDate}#${id}#${role}`,
} as const;

/** The summary every index item carries: what GET /meetings returns per item. */
export interface MeetingSummary {
  id: string;
  kind: "minutes" | "news" | "other";
  title: string | null;
  /** meeting.date, else null */
  date: string | null;
  /** the date the item sorts by: meeting date, else published date, else 0000-00-00 */
  sortDate: string;
  meetingType: string | null;
  meetingName: string | null;
  regionCode: string | null;
  /** e.g. "江苏省常州市钟楼区" */
  regionName: string | null;
  chair: string | null;
  sourceUri: string;
  /** the record first stored with the same raw bytes, when this one repeats them */
  duplicateOf: string | null;
}

/**
 * An index item as stored: its keys, the summary, and for person items the
 * role and titles. duplicateOf is absent rather than null on the first
 * record of its bytes, so that lists hide duplicates with
 * attribute_not_exists.
 */
export interface IndexItem extends Omit<MeetingSummary, "duplicateOf"> {
  duplicateOf?: string;
  pk: string;
  sk: string;
  role?: PersonRole;
  /** the person's titles on this page (person items only) */
  personTitles?: string[];
}
