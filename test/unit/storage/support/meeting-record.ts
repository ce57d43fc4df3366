import { type MeetingRecord, parseMeetingRecord } from "../../../../shared/record/record-schema";

export const ZHONGLOU = { code: "320404", province: "江苏省", city: "常州市", county: "钟楼区" };
export const JINTAN = { code: "320482", province: "江苏省", city: "常州市", county: "金坛区" };

type Meeting = NonNullable<MeetingRecord["meeting"]>;

/** A valid record (parsed by the schema), with the parts a test cares about overridden. */
export function aMeetingRecord(
  overrides: Partial<Omit<MeetingRecord, "meeting">> & { meeting?: Partial<Meeting> | null } = {},
): MeetingRecord {
  const { meeting, ...rest } = overrides;
  const baseMeeting: Meeting = {
    name: "区政府2022年度第1次常务会议",
    type: "government-executive",
    sequence: 1,
    date: "2022-01-26",
    dateInferred: false,
    timeOfDay: "下午",
    location: "区机关815会议室",
    chair: { name: "李超鲲", title: "区长" },
    recorder: "时以亮",
    attendees: [
      { name: "李超鲲", note: null },
      { name: "曹雷", note: null },
    ],
    observers: [{ name: "包建芬", note: "区人大代表" }],
    agenda: [],
  };
  return parseMeetingRecord({
    id: "rec_0123456789abcdef0123",
    schemaVersion: 1,
    parserVersion: "1.0.0",
    kind: "minutes",
    title: "钟楼区政府2022年度第1次常务会议纪要",
    publishedDate: "2022-01-28",
    script: "simplified",
    region: ZHONGLOU,
    source: {
      uri: "s3://raw-bucket/raw/zhonglou-2022-1.html",
      url: null,
      siteName: null,
      origin: null,
      format: "html",
      encoding: "utf-8",
      sha256: "a".repeat(64),
    },
    disclosure: null,
    meeting: meeting === null ? null : { ...baseMeeting, ...meeting },
    people: [
      { name: "李超鲲", titles: ["区委副书记"] },
      { name: "曹雷", titles: ["副区长"] },
      { name: "王敏", titles: ["市长"] },
    ],
    body: "2022年1月26日下午,在区机关815会议室,召开区政府2022年度第1次常务会议。",
    warnings: [],
    ...rest,
  });
}
