/**
 * Key layout of the single table (see table-definition.ts). The contract
 * between the writer (record-store) and the reader (query API):
 *
 *   record item   pk REC#<id>              sk RECORD
 *   region index  pk REGION#<code>         sk <sortDate>#<id>   one per level: county, city and province code
 *   type index    pk TYPE#<meetingType>    sk <sortDate>#<id>   (kind "other" records: TYPE#none)
 *   month index   pk MONTH#<yyyy-mm>       sk <sortDate>#<id>   (undated records: MONTH#undated)
 *   person index  pk PERSON#<name>         sk <sortDate>#<id>#<role>
 *
 * sortDate is the meeting date, else the page's published date, else
 * 0000-00-00, so a descending Query on sk lists newest first and a date
 * range is a BETWEEN on sk. Every index item carries the summary the list
 * endpoints return, so a page of results costs one Query and no extra reads.
 */
export const RECORD_SK = "RECORD";
export const UNDATED = "0000-00-00";

export type PersonRole = "chair" | "attendee" | "observer" | "recorder" | "mentioned";

export const keys = {
  record: (id: string) => ({ pk: `REC#${id}`, sk: RECORD_SK }),
  regionPk: (code: string) => `REGION#${code}`,
  typePk: (type: string) => `TYPE#${type}`,
  monthPk: (month: string) => `MONTH#${month}`,
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
}

/** An index item as stored: its keys, the summary, and for person items the role and titles. */
export interface IndexItem extends MeetingSummary {
  pk: string;
  sk: string;
  role?: PersonRole;
  /** the person's titles on this page (person items only) */
  personTitles?: string[];
}
