import type { Person } from "../../record/record-schema";
import { findPostedNames } from "./find-posted-names";

/**
 * Everyone the page names with a post, once each, with every post they are
 * given anywhere in the page, in the order first written.
 */
export function extractPeople(lines: readonly string[]): Person[] {
  const byName = new Map<string, string[]>();
  for (const line of lines) {
    for (const { name, titles } of findPostedNames(line)) {
      const known = byName.get(name) ?? [];
      for (const title of titles) if (!known.includes(title)) known.push(title);
      byName.set(name, known);
    }
  }
  return [...byName].map(([name, titles]) => ({ name, titles }));
}
