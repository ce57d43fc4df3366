import * as z from "zod";

/**
 * The normalised meeting record, schema version 1 — the contract of
 * ../shared/design/record.md. One source of truth: the TypeScript type, the
 * parser's self-check, the writer, the API and the tests all use this schema.
 * Absent values are null (or [] for lists), never omitted.
 */

export const SCHEMA_VERSION = 1 as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const recordKinds = ["minutes", "news", "other"] as const;
export const meetingTypes = [
  "government-executive",
  "party-standing-committee",
  "congress-standing-committee",
  "cppcc-standing-committee",
  "leadership-joint",
  "work-meeting",
  "other",
] as const;
export const timesOfDay = ["上午", "下午", "晚上"] as const;
/** What a meeting decided on an agenda item (record.md). */
export const agendaDecisions = ["原则同意", "同意", "原则通过", "通过"] as const;

export const regionSchema = z.object({
  code: z.string().regex(/^\d{6}$/, "expected a 6-digit GB/T 2260 code"),
  province: z.string(),
  city: z.string().nullable(),
  county: z.string().nullable(),
});

export const sourceSchema = z.object({
  uri: z.string().min(1),
  url: z.string().nullable(),
  siteName: z.string().nullable(),
  origin: z.string().nullable(),
  format: z.enum(["html", "text"]),
  encoding: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const disclosureSchema = z.object({
  indexNumber: z.string().nullable(),
  topic: z.string().nullable(),
  genre: z.string().nullable(),
  category: z.string().nullable(),
  openness: z.string().nullable(),
  documentNumber: z.string().nullable(),
  publisher: z.string().nullable(),
  createdDate: isoDate.nullable(),
  publishedDate: isoDate.nullable(),
  validity: z.string().nullable(),
  summary: z.string().nullable(),
});

export const personRefSchema = z.object({ name: z.string().min(1), note: z.string().nullable() });

export const agendaItemSchema = z.object({
  seq: z.number().int().positive(),
  actions: z.array(z.string()),
  subject: z.string(),
  documents: z.array(z.string()),
  proposedBy: z.array(z.string()),
  decision: z.enum(agendaDecisions).nullable(),
  /**
   * The sentence(s) in which the meeting decides (会议原则同意…, 会议决定…,
   * 会议议定…); null when none. Added within schema version 1 (record.md lets
   * records carry more fields), so records stored before it read back as null.
   */
  decisionText: z.string().nullable().default(null),
  text: z.string(),
});

export const meetingSchema = z.object({
  name: z.string().nullable(),
  type: z.enum(meetingTypes),
  sequence: z.number().int().positive().nullable(),
  date: isoDate.nullable(),
  dateInferred: z.boolean(),
  timeOfDay: z.enum(timesOfDay).nullable(),
  location: z.string().nullable(),
  chair: z.object({ name: z.string().min(1), title: z.string().nullable() }).nullable(),
  recorder: z.string().nullable(),
  attendees: z.array(personRefSchema),
  observers: z.array(personRefSchema),
  agenda: z.array(agendaItemSchema),
});

export const personSchema = z.object({ name: z.string().min(1), titles: z.array(z.string()) });

export const meetingRecordSchema = z.object({
  id: z.string().regex(/^rec_[0-9a-f]{20}$/),
  schemaVersion: z.literal(SCHEMA_VERSION),
  parserVersion: z.string(),
  kind: z.enum(recordKinds),
  title: z.string().nullable(),
  publishedDate: isoDate.nullable(),
  script: z.enum(["simplified", "traditional"]),
  region: regionSchema.nullable(),
  source: sourceSchema,
  disclosure: disclosureSchema.nullable(),
  meeting: meetingSchema.nullable(),
  people: z.array(personSchema),
  body: z.string(),
  warnings: z.array(z.string()),
  /**
   * Another record already stored with the same raw bytes (source.sha256),
   * set by the writer; null for the first record of those bytes. Defaults
   * to null so records stored before the field existed still parse.
   */
  duplicateOf: z
    .string()
    .regex(/^rec_[0-9a-f]{20}$/)
    .nullable()
    .default(null),
});

export type RecordKind = (typeof recordKinds)[number];
export type MeetingType = (typeof meetingTypes)[number];
export type TimeOfDay = (typeof timesOfDay)[number];
export type AgendaDecision = (typeof agendaDecisions)[number];
export type Region = z.infer<typeof regionSchema>;
export type RecordSource = z.infer<typeof sourceSchema>;
export type Disclosure = z.infer<typeof disclosureSchema>;
export type PersonRef = z.infer<typeof personRefSchema>;
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Person = z.infer<typeof personSchema>;
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** Parses unknown JSON into a record, throwing a ZodError that names each bad field. */
export function parseMeetingRecord(value: unknown): MeetingRecord {
  return meetingRecordSchema.parse(value);
}
