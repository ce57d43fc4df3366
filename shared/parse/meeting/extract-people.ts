import type { Person } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import { findNotedPosts, findPostedNames } from "./find-posted-names";

/**
 * Everyone the page names with a post — 区长李超鲲 or 孟凡军(县长) — once each,
 * with every post they are given anywhere in the page, in the order first written.
 */
export function extractPeople(lines: readonly string[]): Person[] {
  const byName = new Map<string, string[]>();
  for (const line of lines) {
    checkDeadline();
    for (const { name, titles } of [...findPostedNames(line), ...findNotedPosts(line)]) {
      const known = byName.get(name) ?? [];
      for (const title of titles) if (!known.includes(title)) known.push(title);
      byName.set(name, known);
    }
  }
  return [...byName].map(([name, titles]) => ({ name, titles }));
}
