import type { MeetingType, RecordKind } from "../../record/record-schema";
import { findPostedNames } from "./find-posted-names";

/**
 * minutes: the page is a meeting's 纪要 (title, disclosure 体裁分类, or the
 * minutes formula 现纪要如下 — seeds 000, 001), or has the labelled
 * participant lines of minutes; news: a report whose headline or opening
 * paragraphs name a meeting being held (seeds 002–004) — a government one:
 * of a known type or with a government actor, so a product launch (发布会) or
 * an academic 年会 stays other; other: anything else, most of what a crawler
 * brings in.
 */

export interface KindEvidence {
  title: string | null;
  genre: string | null;
  /** the opening paragraphs of the body */
  lead: readonly string[];
  /** a meeting name found in the headline or opening paragraphs */
  meetingName: string | null;
  /** the meeting's type as read from its name */
  meetingType: MeetingType | null;
  /** a government or party actor (区委书记…, 区政府, 国务院) in the headline or opening paragraphs */
  hasGovernmentActor: boolean;
  hasLabelledParticipants: boolean;
}

/**
 * Government and party bodies that hold meetings, looked for in the headline
 * and the sentence naming the meeting: a meeting they hold is news even when
 * its type is "other". A university's 党委书记 at an academic 年会 (corpus
 * gsc-1) is not one, so only territorial posts count.
 */
const GOVERNMENT_ACTOR = /(?:省|市|区|县|州|旗|镇|乡|街道)(?:委|政府|人大|政协|纪委)|国务院|人民政府|人大常委会/;
const GOVERNMENT_POST = /^(?:中共)?(?:省|市|区|县|州|旗|盟|镇|乡|街道)|^(?:常务)?[副代]?(?:省|市|区|县|州|旗|镇|乡)长$/;

/** Whether the headline or the sentence naming the meeting names a government body or a territorial post holder. */
export function namesGovernmentActor(sentences: readonly string[]): boolean {
  return sentences.some(
    (line) =>
      GOVERNMENT_ACTOR.test(line) || findPostedNames(line).some((p) => p.titles.some((t) => GOVERNMENT_POST.test(t))),
  );
}

const MINUTES_TITLE = /纪要/;
const MINUTES_FORMULA = /(?:现|特)?纪要如下|会议纪要/;

export function classifyKind(evidence: KindEvidence): RecordKind {
  if (evidence.title && MINUTES_TITLE.test(evidence.title) && /会/.test(evidence.title)) return "minutes";
  if (evidence.genre && MINUTES_TITLE.test(evidence.genre)) return "minutes";
  if (evidence.lead.some((line) => MINUTES_FORMULA.test(line))) return "minutes";
  if (evidence.meetingName && evidence.hasLabelledParticipants) return "minutes";
  if (evidence.meetingName && (evidence.meetingType !== "other" || evidence.hasGovernmentActor)) return "news";
  return "other";
}
