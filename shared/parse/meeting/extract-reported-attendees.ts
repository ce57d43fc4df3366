import type { PersonRef } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import { findPostedNames } from "./find-posted-names";
import { isPlausibleName } from "./person-name";

/**
 * Participants as news reports them, in the sentence before 出席/参加会议
 * (attendees) or 列席会议 (observers):
 *   王跃中、陈锁龙、刘国新、俞金红等区四套班子领导参加会议 (seed 002)
 *   区委副书记、区长罗志坚，区委常委温海燕、黎建国出席会议 (golden page tianhe-…)
 *   县人大常委会副主任何光明、杜晓燕，秘书长苟天林及委员共23人出席会议 (santai-…)
 *   副县长曾庆丰，县监委、县法院和县级有关部门负责同志列席会议 (santai-…)
 *   县领导马永刚、李建军出席座谈会 (gangu-…)
 * The names are the list before the verb, which may run back over several
 * comma-separated groups of posts and names; a group of units or "and the
 * members" after the names (及委员共23人, 有关部门负责同志) is no name; a
 * group (区四套班子全体领导, seed 003) alone names nobody.
 */

/** The meeting attended: 会议, 本次会议, or a named kind of meeting (座谈会, 推进会 …) ending the clause. */
const MEETING_OBJECT = String.raw`(?:本次|这次)?(?:会议|\p{Script=Han}{0,5}?会(?=[并和及,，。;；、]|$))`;
const ATTENDED = new RegExp(`(?:参加|出席)了?${MEETING_OBJECT}`, "gu");
const OBSERVED = new RegExp(`列席了?${MEETING_OBJECT}`, "gu");
/** Where the sentence holding the list starts. */
const SENTENCE_MARK = /[。;；!！?？:：]/;
const CLAUSE_MARK = /[,，]/;
/** How far before the verb a list may reach: dozens of posted names, not a whole page on one line. */
const LIST_WINDOW = 600;
/** What joins a group to the last name: 苟天林及委员共23人. 和 is not used: it is a common given-name character. */
const GROUP_JOIN = /及|以及/;

/** Units listed among attendees: 经 is a surname, but 经信局 (seed 003) is a bureau. */
const UNIT_SUFFIX = /(?:局|办|委|部|院|厅|室|所|站|队|处|科|中心)$/u;

/** A list item as a name: 王跃中, 区委书记张三 → 张三, 市领导李四 → 李四. */
function nameOf(item: string): string | null {
  const text = item.trim();
  if (UNIT_SUFFIX.test(text)) return null;
  if (isPlausibleName(text)) return text;
  const posted = findPostedNames(text).find((p) => p.end === text.length);
  if (posted) return posted.name;
  for (const length of [3, 2]) {
    const tail = text.slice(-length);
    if (isPlausibleName(tail) && /领导|同志/.test(text.slice(0, -length))) return tail;
  }
  return null;
}

/** 区委副书记、区长罗志坚 → 罗志坚: the 、 inside a chain of posts separates no people. */
function withoutPosts(clause: string): string {
  let out = clause;
  for (const m of findPostedNames(clause).reverse()) out = out.slice(0, m.start) + m.name + out.slice(m.end);
  return out;
}

interface ClauseNames {
  names: string[];
  /** a group stood before the names, so the list cannot go on into earlier clauses */
  closed: boolean;
}

/**
 * The names of one comma-separated clause, or null when it is not a list of
 * names. Next to the verb, a clause may be all groups (县监委、县法院和有关部门
 * 负责同志), open with a group (区四套班子领导王跃中…) or end in one joined by
 * 及 (苟天林及委员共23人); anywhere else it must be names only.
 */
function clauseNames(clause: string, nextToVerb: boolean): ClauseNames | null {
  let text = withoutPosts(clause.trim());
  const etc = text.lastIndexOf("等");
  if (etc >= 0) text = text.slice(0, etc);
  const items = text.split("、");
  const [lastItem = "", ...joined] = (items.pop() ?? "").split(GROUP_JOIN);
  const names = [...items, lastItem].map(nameOf);
  const joinedNames = joined.map(nameOf).filter((n): n is string => n !== null);
  if (nextToVerb && names.every((n) => n === null) && joinedNames.length === 0) return { names: [], closed: false };
  let closed = false;
  if (nextToVerb) {
    while (names.length > 0 && names[0] === null) {
      names.shift();
      closed = true;
    }
  }
  if (names.some((n) => n === null)) return null;
  if (!nextToVerb && joined.length > joinedNames.length) return null;
  return { names: [...(names as string[]), ...joinedNames], closed };
}

function reportedPeople(sentences: readonly string[], verb: RegExp): PersonRef[] {
  const out: PersonRef[] = [];
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(verb)) {
      checkDeadline();
      const at = m.index ?? 0;
      const before =
        sentence
          .slice(Math.max(0, at - LIST_WINDOW), at)
          .split(SENTENCE_MARK)
          .pop() ?? "";
      const clauses = before.split(CLAUSE_MARK);
      const found: string[] = [];
      for (let k = clauses.length - 1; k >= 0; k--) {
        const nextToVerb = k === clauses.length - 1;
        const read = clauseNames(clauses[k] as string, nextToVerb);
        if (!read || (read.names.length === 0 && !nextToVerb)) break;
        found.unshift(...read.names);
        if (read.closed) break;
      }
      for (const name of found) if (!out.some((p) => p.name === name)) out.push({ name, note: null });
    }
  }
  return out;
}

export function extractReportedAttendees(sentences: readonly string[]): PersonRef[] {
  return reportedPeople(sentences, ATTENDED);
}

export function extractReportedObservers(sentences: readonly string[]): PersonRef[] {
  return reportedPeople(sentences, OBSERVED);
}
