import type { PersonRef } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import { findNamesBeforePosts, findPostedNames, type PostedName } from "./find-posted-names";
import { isNameShaped, isPlausibleName } from "./person-name";
import { CORE_POST_PATTERN, POST_CHAIN } from "./post-lexicon";

/**
 * Participants as news reports them, in the sentence before 出席/参加 (attendees)
 * or 列席 (observers):
 *   王跃中、陈锁龙、刘国新、俞金红等区四套班子领导参加会议 (seed 002)
 *   区委副书记、区长罗志坚，区委常委温海燕、黎建国出席会议 (golden page tianhe-…)
 *   县人大常委会副主任何光明、杜晓燕，秘书长苟天林及委员共23人出席会议 (santai-…)
 *   副县长曾庆丰，县监委、县法院和县级有关部门负责同志列席会议 (santai-…)
 *   区人大常委会主任石伟东、区政协主席郑政平和副区长朱岩、徐俊列席会议
 * The names are the list before the verb, which may run back over several
 * comma-separated groups of posts and names. The list is read by its
 * structure, not by a surname list alone: a post before a name, the 、 between
 * names, a group word before them (县领导), a post after them (钟国伟副主委).
 * So names the surname list does not know (巴图, 虢磊, 阿沛·晋源) count when
 * they stand in a list with other names. A group (有关部门负责同志, 及委员共23人)
 * names nobody and ends the list.
 */

/** What may follow the verb: the meeting, a named kind of meeting, 并 (出席并讲话), 有关议题, or the clause end. */
const VERB_END = String.raw`(?=了?(?:本次|这次)?会议|了?\p{Script=Han}{0,5}?会(?=[并和及,，。;；、]|$)|并|有关|[,，。;；、!！]|$)`;
const ATTENDED = new RegExp(`(?:参加|出席)${VERB_END}`, "gu");
const OBSERVED = new RegExp(`列席${VERB_END}`, "gu");
/** Where the sentence holding the list starts. */
const SENTENCE_MARKS = "。!！?？:：";
const CLAUSE_MARKS = ",，;；";
const CLAUSE_MARK = /[,，;；]/;
/** How far before the verb a list may reach: dozens of posted names, not a whole page on one line. */
const LIST_WINDOW = 600;

/** Words between the list and the verb: 应邀列席, 全程列席, 也出席. */
const MODIFIERS = /(?:应邀|受邀|特邀|全程|一同|一起|共同|先后|分别|也|均|还)+$/u;
const MODIFIERS_REACH = 12;
/** Members counted or grouped after the names: 及17位人大常委会组成人员, 以及有关部门负责人. */
const GROUP_TAIL =
  /(?:负责人|负责同志|同志|人员|领导|干部|成员|代表|委员|常委|主委|部门|单位|群众|\d{1,5}人|\d{1,5}名|\d{1,5}位)$/u;
/** 及其 is "and its" (区人大及其常委会), never a join of people. */
const GROUP_JOIN = /以及|及(?!其)|和/g;

/** Words that make an item a group of people or a unit, never a person. */
const GROUP_WORD = /负责|有关|各|全体|部门|单位|班子|人员|成员|干部|代表|群众|委员|常委|组成/u;
const UNIT_SUFFIX = /(?:局|办|委|部|院|厅|室|所|站|队|处|科|中心|镇|乡|街道|村|公司|人大|政协|政府|党委)$/u;
/** A group word before a name: 县领导虢磊, 区四套班子领导王跃中. */
const LED_BY_GROUP =
  /^\p{Script=Han}{0,10}?(?:领导|同志)(\p{Script=Han}{2,5}|\p{Script=Han}{1,6}[·•・‧]\p{Script=Han}{1,8})$/u;
const POST_THEN_REST = new RegExp(`^(?:${POST_CHAIN})(.+)$`, "u");
const REST_THEN_POST = new RegExp(`^(.+?)(?:${CORE_POST_PATTERN})$`, "u");
const ENDS_IN_POST = new RegExp(`(?:${CORE_POST_PATTERN})$`, "u");
const ONLY_POSTS = new RegExp(`^(?:${POST_CHAIN})$`, "u");

/** Marks a name read with its post, so later steps know it is a person (private-use characters, never in page text). */
const MARK_OPEN = "\uE000";
const MARK_CLOSE = "\uE001";
/** One marked name and nothing else: 王明主持会议副区长李强 holds two marks and is no name. */
const MARKED = /^\uE000([^\uE000\uE001]+)\uE001$/u;
/**
 * A place or organ written before a posted name, in the same item: 江华政协副主席欧阳江波,
 * 九三学社江苏省委员会副主委李奇. Short, and no verb of the meeting in it.
 */
const PREFIXED_MARK = /^(\p{Script=Han}{1,12})\uE000([^\uE000\uE001]+)\uE001$/u;
const NOT_A_PREFIX = /主持|召开|会议|听取|讲话|指出/u;
/** 和/及 before a marked name or a post joins two people: 郑政平和副区长朱岩. */
const JOIN_BEFORE_PERSON = new RegExp(`(?:以及|及|和|与)(?=${MARK_OPEN}|(?:${POST_CHAIN}))`, "u");

type Item =
  | { kind: "name"; name: string; strong: boolean; ledByGroup: boolean }
  | { kind: "group" }
  | { kind: "post" }
  | { kind: "other" };

/** Replaces every posted mention (区委副书记、区长罗志坚, 张文胜副区长) with its marked name. */
function markPostedNames(clause: string): string {
  const mentions: PostedName[] = [...findPostedNames(clause), ...findNamesBeforePosts(clause)].sort(
    (a, b) => a.start - b.start,
  );
  let out = "";
  let at = 0;
  for (const m of mentions) {
    if (m.start < at) continue;
    out += `${clause.slice(at, m.start)}${MARK_OPEN}${m.name}${MARK_CLOSE}`;
    at = m.end;
  }
  return out + clause.slice(at);
}

function bareName(text: string): Item {
  if (isPlausibleName(text)) return { kind: "name", name: text, strong: true, ledByGroup: false };
  // 人大主席 ends in a post: it is who holds it, not a name
  if (isNameShaped(text) && !ENDS_IN_POST.test(text))
    return { kind: "name", name: text, strong: false, ledByGroup: false };
  return { kind: "other" };
}

function classify(raw: string): Item {
  const text = raw.trim();
  if (!text) return { kind: "other" };
  const marked = MARKED.exec(text)?.[1];
  if (marked) return { kind: "name", name: marked, strong: true, ledByGroup: false };
  const prefixed = PREFIXED_MARK.exec(text);
  if (prefixed && !NOT_A_PREFIX.test(prefixed[1] ?? "")) {
    return { kind: "name", name: prefixed[2] ?? "", strong: true, ledByGroup: false };
  }
  if (text.includes(MARK_OPEN)) return { kind: "other" };
  if (UNIT_SUFFIX.test(text) || GROUP_WORD.test(text) || GROUP_TAIL.test(text)) {
    const led = LED_BY_GROUP.exec(text)?.[1];
    if (led && isNameShaped(led)) return { kind: "name", name: led, strong: true, ledByGroup: true };
    return { kind: "group" };
  }
  const led = LED_BY_GROUP.exec(text)?.[1];
  if (led && isNameShaped(led)) return { kind: "name", name: led, strong: true, ledByGroup: true };
  if (ONLY_POSTS.test(text)) return { kind: "post" };
  const bare = bareName(text);
  if (bare.kind === "name") return bare;
  // 旗人大常委会主任宝音满都呼, 钟国伟副主委: a post the name reader left alone
  const afterPost = POST_THEN_REST.exec(text)?.[1];
  if (afterPost && besidePost(afterPost, 3)) return { kind: "name", name: afterPost, strong: true, ledByGroup: false };
  const beforePost = REST_THEN_POST.exec(text)?.[1];
  if (beforePost && besidePost(beforePost, 4)) {
    return { kind: "name", name: beforePost, strong: true, ledByGroup: false };
  }
  // 各苏木镇的人大主席, 有关乡镇的负责同志: holders of a post, not named
  if (beforePost || text.includes("的")) return { kind: "group" };
  return { kind: "other" };
}

/** A name beside a post: one the surname list knows, or a longer one (人大主席 is no 人大 + 主席). */
function besidePost(text: string, minUnlisted: number): boolean {
  return isPlausibleName(text) || (isNameShaped(text) && [...text].length >= minUnlisted);
}

function itemsOf(clause: string): Item[] {
  return markPostedNames(clause)
    .split("、")
    .flatMap((item) => item.split(JOIN_BEFORE_PERSON))
    .map(classify);
}

interface ClauseNames {
  names: { name: string; strong: boolean }[];
  /** a group stood before the names, so the list cannot go on into earlier clauses */
  closed: boolean;
}

/**
 * The names of one comma-separated clause, or null when it is not a list of
 * names. A clause may open with groups or posts (区四套班子领导王跃中…, 副省长、…);
 * after the first name, every item must be a name.
 */
function clauseNames(clause: string): ClauseNames | null {
  const items = itemsOf(clause);
  let closed = false;
  while (items.length > 0 && items[0]?.kind !== "name") {
    const lead = items.shift() as Item;
    if (lead.kind === "other") return null;
    // a group before the names ends the list; a post (副市长、…) belongs to the name after it
    if (lead.kind === "group") closed = true;
  }
  if (items[0]?.kind === "name" && items[0].ledByGroup) closed = true;
  const names: { name: string; strong: boolean }[] = [];
  for (const item of items) {
    if (item.kind !== "name") return null;
    names.push({ name: item.name, strong: item.strong });
  }
  return { names, closed };
}

/** The list before the verb, without the modifiers, "等…" and "及…" groups that end it. */
function listBefore(sentence: string, at: number): string {
  const window = sentence.slice(Math.max(0, at - LIST_WINDOW), at);
  let list = window.slice(lastIndexOf(window, SENTENCE_MARKS) + 1);
  // modifiers are a few characters at the very end: look only there, so a long list is not re-scanned
  const end = list.slice(-MODIFIERS_REACH);
  list = list.slice(0, list.length - end.length) + end.replace(MODIFIERS, "");
  const etc = list.lastIndexOf("等");
  if (etc >= 0 && !/[、,，;；]/.test(list.slice(etc))) list = list.slice(0, etc);
  // a group joined by 及/和 lies within the last clause
  const clauseStart = lastIndexOf(list, CLAUSE_MARKS) + 1;
  let join: RegExpExecArray | null = null;
  for (const m of list.slice(clauseStart).matchAll(GROUP_JOIN)) join = m;
  if (join) {
    const at = clauseStart + (join.index ?? 0);
    const tail = list.slice(at + join[0].length);
    if (GROUP_TAIL.test(tail) && !markPostedNames(tail).includes(MARK_OPEN)) list = list.slice(0, at);
  }
  return list;
}

/** The index of the last character of `text` that is in `chars`, or -1. */
function lastIndexOf(text: string, chars: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (chars.includes(text[i] as string)) return i;
  return -1;
}

function reportedPeople(sentences: readonly string[], verb: RegExp): PersonRef[] {
  const out: PersonRef[] = [];
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(verb)) {
      checkDeadline();
      const clauses = listBefore(sentence, m.index ?? 0).split(CLAUSE_MARK);
      const found: { name: string; strong: boolean }[] = [];
      for (let k = clauses.length - 1; k >= 0; k--) {
        const read = clauseNames(clauses[k] as string);
        if (!read) break;
        if (read.names.length === 0) {
          if (found.length > 0) break;
          continue; // groups next to the verb: 县监委、县法院和有关部门负责同志
        }
        found.unshift(...read.names);
        if (read.closed) break;
      }
      // a name the surname list does not know counts only in a list that has a known one
      const vouched = found.some((n) => n.strong);
      for (const { name, strong } of found) {
        if ((strong || vouched) && !out.some((p) => p.name === name)) out.push({ name, note: null });
      }
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
