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
const GOVERNMENT_ACTOR = /(?:省|市|区|县|州|旗|镇|乡|街道)(?:委|政府|人大|政协|纪委)|国务院|人民政府|人大常委会|政协/;
const GOVERNMENT_POST = /^(?:中共)?(?:省|市|区|县|州|旗|盟|镇|乡|街道)|^(?:常务)?[副代]?(?:省|市|区|县|州|旗|镇|乡)长$/;

/** Whether the headline or the sentence naming the meeting names a government body or a territorial post holder. */
export function namesGovernmentActor(sentences: readonly string[]): boolean {
  return sentences.some(
    (line) =>
      GOVERNMENT_ACTOR.test(line) || findPostedNames(line).some((p) => p.titles.some((t) => GOVERNMENT_POST.test(t))),
  );
}

const MINUTES_TITLE = /纪要/;
/**
 * How minutes introduce their items, with or without the word 纪要:
 * 现纪要如下, 现将会议讨论研究的有关事项纪要如下, 会议研究了以下事项,
 * 会议议定:, 议定事项如下. A news report that only mentions 会议纪要 (联席会议以会议纪要
 * 形式明确议定事项) is not minutes.
 */
const MINUTES_FORMULA =
  /纪要如下|会议(?:研究|讨论|审议)了?(?:以下|如下)(?:事项|议题)|会议议定\s*[:：]|议定(?:事项)?如下/;
/**
 * A document that cites meetings without reporting one (record.md, "Kinds,
 * in doubt"): a rule or system by its title (议事规则, 工作规则, 会议制度,
 * 公文处理办法, 工作流程), a notice that issues one (关于印发…的通知), or a text
 * that says it was adopted at a meeting and is hereby issued (经…会议通过，现予印发).
 */
const DOCUMENT_TITLE =
  /(?:规则|制度|办法|规定|细则|章程|条例|流程|规程|守则|工作计划|工作要点|实施方案|实施意见)(?:\(试行\)|\(暂行\))?$|关于印发/;
const REPORTS_AN_EVENT = /召开|举行|主持/;
/** A notice of a meeting still to come: 关于召开…会议的通知. */
const ANNOUNCEMENT_TITLE = /^关于(?:召开|举行|举办)[^。]{2,80}的(?:预?通知|公告)$/;
const ISSUES_A_DOCUMENT =
  /现予(?:印发|公布|发布)|印发给你们|现印发|通过[,，]?(?:自[^。]{0,12})?(?:予以)?(?:公布|印发)施行/;

export function classifyKind(evidence: KindEvidence): RecordKind {
  if (evidence.title && MINUTES_TITLE.test(evidence.title) && /会/.test(evidence.title)) return "minutes";
  if (evidence.genre && MINUTES_TITLE.test(evidence.genre)) return "minutes";
  if (evidence.lead.some((line) => MINUTES_FORMULA.test(line))) return "minutes";
  if (isCitingDocument(evidence)) return "other";
  if (evidence.meetingName && evidence.hasLabelledParticipants) return "minutes";
  if (evidence.meetingName && (evidence.meetingType !== "other" || evidence.hasGovernmentActor)) return "news";
  return "other";
}

/** A rule, a system, a notice issuing one or announcing a meeting: it cites meetings, it reports none. */
function isCitingDocument(evidence: KindEvidence): boolean {
  const title = evidence.title?.trim() ?? "";
  if (ANNOUNCEMENT_TITLE.test(title)) return true;
  if (title && DOCUMENT_TITLE.test(title.replace(/[》」"”]+$/, "")) && !REPORTS_AN_EVENT.test(title)) return true;
  return evidence.lead.slice(0, 2).some((line) => ISSUES_A_DOCUMENT.test(line));
}
