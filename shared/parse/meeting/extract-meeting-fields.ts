import type { Disclosure, Meeting, Person, RecordKind, Region } from "../../record/record-schema";
import type { PageText } from "../page-text";
import { checkDeadlineNow } from "../parse-deadline";
import { classifyKind, namesGovernmentActor } from "./classify-kind";
import { classifyMeetingType } from "./classify-meeting-type";
import { extractDisclosure } from "./extract-disclosure";
import { extractLabelledRoles } from "./extract-labelled-roles";
import { extractMeeting } from "./extract-meeting";
import { extractPeople } from "./extract-people";
import {
  meetingNameBeforeVerb,
  meetingNameFromMinutesTitle,
  meetingNameInSentence,
  stripMinutesSuffix,
} from "./find-meeting-name";
import { meetingLevel } from "./meeting-level";
import { resolveRegion, type WeightedText } from "./resolve-region";

/** What the meeting stage adds to a page: everything in the record that is about the meeting, not the page. */
export interface MeetingFields {
  kind: RecordKind;
  /** only when the page text names the document better than page.meta.title does; else null */
  title: string | null;
  disclosure: Disclosure | null;
  meeting: Meeting | null;
  people: Person[];
  region: Region | null;
  warnings: string[];
}

/** How many opening body paragraphs speak for the meeting (date, place, name). */
const LEAD_PARAGRAPHS = 3;
/** How far into the body the sentence naming the meeting is looked for (a document number or subtitle may come first). */
const NAME_SEARCH_PARAGRAPHS = 6;

/** Region votes by where a name stands: headline, opening paragraphs, rest of body, everything else. */
const REGION_WEIGHT = { title: 4, lead: 3, body: 1, other: 0.5 } as const;

interface NamedMeeting {
  name: string | null;
  line: string | null;
}

function findMeetingName(title: string | null, opening: readonly string[]): NamedMeeting {
  for (const line of opening) {
    const name = meetingNameInSentence(line) ?? meetingNameBeforeVerb(line);
    if (name) return { name: stripMinutesSuffix(name), line };
  }
  if (title) {
    const name = meetingNameInSentence(title) ?? meetingNameBeforeVerb(title) ?? meetingNameFromMinutesTitle(title);
    if (name) return { name: stripMinutesSuffix(name), line: null };
  }
  return { name: null, line: null };
}

/** The page's texts for region voting, with values that are not the meeting's own (发布开发区) blanked out. */
function regionTexts(page: PageText, title: string | null, bodyLines: readonly string[]): WeightedText[] {
  const foreign = Object.values(page.meta.extra).filter((v) => v.trim().length > 0);
  const clean = (text: string) => foreign.reduce((t, v) => t.split(v).join(" "), text);
  const body = new Set(bodyLines);
  const texts: WeightedText[] = [];
  if (title) texts.push({ text: clean(title), weight: REGION_WEIGHT.title });
  bodyLines.forEach((line, i) => {
    texts.push({ text: clean(line), weight: i < LEAD_PARAGRAPHS ? REGION_WEIGHT.lead : REGION_WEIGHT.body });
  });
  for (const line of page.lines) if (!body.has(line)) texts.push({ text: clean(line), weight: REGION_WEIGHT.other });
  if (page.meta.siteName) texts.push({ text: clean(page.meta.siteName), weight: REGION_WEIGHT.other });
  return texts;
}

/** The meeting stage: a pure function of the PageText (no I/O, no clock). */
export function extractMeetingFields(page: PageText): MeetingFields {
  const warnings: string[] = [];
  const disclosed = extractDisclosure(page.lines);
  warnings.push(...disclosed.warnings);
  const title = page.meta.title ?? disclosed.title;
  const bodyLines = (page.bodyLines.length > 0 ? page.bodyLines : page.lines).filter((l) => l.trim().length > 0);
  const lead = bodyLines.slice(0, LEAD_PARAGRAPHS);

  const named = findMeetingName(title, bodyLines.slice(0, NAME_SEARCH_PARAGRAPHS));
  const labelled = extractLabelledRoles(page.lines);
  // the article only: teasers for other articles (相关新闻 …) name people of other meetings
  checkDeadlineNow();
  const people = extractPeople([...(title ? [title] : []), ...bodyLines]);
  checkDeadlineNow();
  const titlesOf = (name: string) => people.find((p) => p.name === name)?.titles ?? [];
  const meetingSentences = [...(title ? [title] : []), ...(named.line ? [named.line] : [])];
  const kind = classifyKind({
    title,
    genre: disclosed.disclosure?.genre ?? null,
    lead,
    meetingName: named.name,
    meetingType: named.name ? classifyMeetingType(named.name) : null,
    hasGovernmentActor: namesGovernmentActor(meetingSentences),
    hasLabelledParticipants: labelled.attendees.length > 0 || labelled.chair !== null || labelled.recorder !== null,
  });

  // record.md: region is the area the *meeting* belongs to, so a page that is
  // not about a meeting claims none (and stays out of region queries).
  let region: Region | null = null;
  let meeting: Meeting | null = null;
  if (kind !== "other") {
    const extracted = extractMeeting({
      kind,
      name: named.name ?? (title ? meetingNameFromMinutesTitle(title) : null),
      nameLine: named.line,
      title,
      lead,
      bodyLines,
      publishedDate: page.meta.publishedDate ?? disclosed.disclosure?.publishedDate ?? null,
      labelled,
      titlesOf,
    });
    meeting = extracted.meeting;
    const located = resolveRegion(
      regionTexts(page, title, bodyLines),
      meetingLevel(meeting.name, meeting.chair?.title ?? null),
    );
    region = located.region;
    warnings.push(...located.warnings, ...extracted.warnings);
  }

  return {
    kind,
    title: page.meta.title === null ? disclosed.title : null,
    disclosure: disclosed.disclosure,
    meeting,
    people,
    region,
    warnings,
  };
}
