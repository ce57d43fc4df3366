import type { PersonRef } from "../../record/record-schema";
import { findPostedNames } from "./find-posted-names";
import { isPlausibleName } from "./person-name";

/**
 * Attendees as news reports them: “王跃中、陈锁龙、刘国新、俞金红等区四套班子
 * 领导参加会议” (seed 002), 市领导张三、李四出席会议. The names are the 、-list
 * right before 等 or the verb; a group (区四套班子全体领导, seed 003) is no name.
 */

const ATTENDED = /(?:参加|出席)了?(?:会议|本次会议|会)/gu;
const CLAUSE_MARK = /[,，。;；:：]/;

/** A list item as a name: 王跃中, 区委书记张三 → 张三, 市领导李四 → 李四. */
function nameOf(item: string): string | null {
  const text = item.trim();
  if (isPlausibleName(text)) return text;
  const posted = findPostedNames(text).find((p) => p.end === text.length);
  if (posted) return posted.name;
  for (const length of [3, 2]) {
    const tail = text.slice(-length);
    if (isPlausibleName(tail) && /领导|同志/.test(text.slice(0, -length))) return tail;
  }
  return null;
}

export function extractReportedAttendees(sentences: readonly string[]): PersonRef[] {
  const out: PersonRef[] = [];
  for (const sentence of sentences) {
    for (const m of sentence.matchAll(ATTENDED)) {
      const before = sentence.slice(0, m.index ?? 0);
      const clause = before.split(CLAUSE_MARK).pop() ?? "";
      const etc = clause.lastIndexOf("等");
      const items = (etc >= 0 ? clause.slice(0, etc) : clause).split("、");
      const names = items.map(nameOf);
      // every item must be a name, except that a leading group may be cut off
      while (names.length > 0 && names[0] === null) names.shift();
      if (names.length === 0 || names.some((n) => n === null)) continue;
      for (const name of names as string[]) {
        if (!out.some((p) => p.name === name)) out.push({ name, note: null });
      }
    }
  }
  return out;
}
