import type { Meeting, RecordKind } from "../../record/record-schema";
import { classifyMeetingType } from "./classify-meeting-type";
import { extractAgenda } from "./extract-agenda";
import { extractChair } from "./extract-chair";
import type { LabelledRoles } from "./extract-labelled-roles";
import { extractLocation } from "./extract-location";
import { extractMeetingDate } from "./extract-meeting-date";
import { extractReportedAttendees, extractReportedObservers } from "./extract-reported-attendees";
import { meetingSequence } from "./find-meeting-name";

/**
 * Assembles the meeting from what the other steps read. The sentence that
 * names the meeting (召开X会议) is where its date, place and chair are
 * written, so it is searched first, then the opening paragraphs, then —
 * for the chair only, who is often named late in news (seed 003) — the rest.
 */

export interface MeetingInput {
  kind: Exclude<RecordKind, "other">;
  name: string | null;
  /** the body line that names the meeting, when one does */
  nameLine: string | null;
  title: string | null;
  lead: readonly string[];
  bodyLines: readonly string[];
  publishedDate: string | null;
  labelled: LabelledRoles;
  titlesOf: (name: string) => string[];
}

export function extractMeeting(input: MeetingInput): { meeting: Meeting; warnings: string[] } {
  const warnings: string[] = [...input.labelled.warnings];
  const sentences = [...(input.nameLine ? [input.nameLine] : []), ...input.lead];
  // a 会议时间: label says outright what the sentences only imply
  const labelledTime = input.labelled.time ? [input.labelled.time] : [];
  const when = extractMeetingDate([...labelledTime, ...sentences], input.publishedDate, input.name);
  warnings.push(...when.warnings);
  if (!input.name) warnings.push("meeting.name: not found; type read from the title");

  const typeSource = input.name ?? [input.title ?? "", ...input.lead.slice(0, 1)].join(" ");
  const attendees =
    input.labelled.attendees.length > 0 ? input.labelled.attendees : extractReportedAttendees(input.bodyLines);
  const observers =
    input.labelled.observers.length > 0 ? input.labelled.observers : extractReportedObservers(input.bodyLines);

  return {
    meeting: {
      name: input.name,
      type: classifyMeetingType(typeSource),
      sequence: sequenceOf(input.name, input.title, warnings),
      date: when.date,
      dateInferred: when.dateInferred,
      timeOfDay: when.timeOfDay,
      location: input.labelled.place ?? extractLocation(sentences),
      chair: extractChair(
        [...sentences, ...input.bodyLines],
        input.labelled.chair,
        input.titlesOf,
        warnings,
        input.labelled.chairTitle,
      ),
      recorder: input.labelled.recorder,
      attendees,
      observers,
      agenda: extractAgenda(input.bodyLines, input.kind === "minutes"),
    },
    warnings,
  };
}

/**
 * The sequence from the meeting's name, else from a headline that names the
 * meeting; when both state one and they differ, the name (the report's own
 * sentence) wins and the disagreement is flagged.
 */
function sequenceOf(name: string | null, title: string | null, warnings: string[]): number | null {
  const fromName = name ? meetingSequence(name) : null;
  const fromTitle = title && /会/.test(title) ? meetingSequence(title) : null;
  if (fromName !== null && fromTitle !== null && fromName !== fromTitle)
    warnings.push(`meeting.sequence: the title says ${fromTitle}, the text ${fromName}; the text's is kept`);
  return fromName ?? fromTitle;
}
