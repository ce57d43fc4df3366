import { type MeetingRecord, parseMeetingRecord } from "../../../../shared/record/record-schema";
import { indexItems } from "../../../../shared/storage/index-items";
import type { IndexItem } from "../../../../shared/storage/item-keys";

/**
 * Test records and the index items the writer really makes of them
 * (shared/storage/index-items.ts), so the query side is tested against the
 * writer's key layout rather than a copy of it.
 */

let counter = 0;

export function recordIdFor(n: number): string {
  return `rec_${n.toString(16).padStart(20, "0")}`;
}

export interface RecordSpec {
  n?: number;
  date?: string | null;
  publishedDate?: string | null;
  type?: NonNullable<MeetingRecord["meeting"]>["type"];
  region?: MeetingRecord["region"];
  chair?: { name: string; title: string | null } | null;
  attendees?: string[];
  people?: { name: string; titles: string[] }[];
  kind?: MeetingRecord["kind"];
}

export const ZHONGLOU = { code: "320404", province: "江苏省", city: "常州市", county: "钟楼区" };
export const JINTAN = { code: "320413", province: "江苏省", city: "常州市", county: "金坛区" };
export const GULOU_NANJING = { code: "320106", province: "江苏省", city: "南京市", county: "鼓楼区" };
export const GULOU_FUZHOU = { code: "350102", province: "福建省", city: "福州市", county: "鼓楼区" };

export function aRecord(spec: RecordSpec = {}): MeetingRecord {
  const n = spec.n ?? ++counter;
  const kind = spec.kind ?? "minutes";
  return parseMeetingRecord({
    id: recordIdFor(n),
    schemaVersion: 1,
    parserVersion: "1.0.0",
    kind,
    title: `会议 ${n}`,
    publishedDate: spec.publishedDate ?? null,
    script: "simplified",
    region: spec.region === undefined ? ZHONGLOU : spec.region,
    source: {
      uri: `s3://raw/raw/${n}.html`,
      url: null,
      siteName: null,
      origin: null,
      format: "html",
      encoding: "utf-8",
      sha256: "0".repeat(64),
    },
    disclosure: null,
    meeting:
      kind === "other"
        ? null
        : {
            name: `第${n}次会议`,
            type: spec.type ?? "government-executive",
            sequence: null,
            date: spec.date === undefined ? "2022-01-26" : spec.date,
            dateInferred: false,
            timeOfDay: null,
            location: null,
            chair: spec.chair === undefined ? null : spec.chair,
            recorder: null,
            attendees: (spec.attendees ?? []).map((name) => ({ name, note: null })),
            observers: [],
            agenda: [
              {
                seq: 1,
                actions: ["审议"],
                subject: "《区域发展规划》",
                documents: ["区域发展规划"],
                proposedBy: ["区发改局"],
                decision: "原则同意",
                decisionText: "会议原则同意区发改局提出的《区域发展规划》。",
                text: "会议原则同意区发改局提出的《区域发展规划》。",
              },
            ],
          },
    people: spec.people ?? [],
    body: "",
    warnings: [],
  });
}

export function itemsOf(records: readonly MeetingRecord[]): IndexItem[] {
  return records.flatMap((record) => indexItems(record));
}
