import type { Person } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import {
  findNamesBeforePosts,
  findNotedPosts,
  findPostedNames,
  type PostedName,
  readNameAt,
  startsWithPost,
} from "./find-posted-names";

/**
 * Everyone the page names with a post — 区长李超鲲, 胡永光区长 or 孟凡军(县长) —
 * once each, with every post they are given anywhere in the page, in the order
 * first written.
 */

/** How many names may share one post: 副市长许建忠、郑杰忠、丘德奎、邓长球. */
const MAX_SHARED = 20;

/**
 * 副区长王明、李强 → both 副区长: the names listed after a post share its last
 * post, until the list meets a post of its own (、区长李四) or ends.
 */
function sharingPost(line: string, mention: PostedName): PostedName[] {
  const title = mention.titles.at(-1);
  const out: PostedName[] = [];
  let at = mention.end;
  while (title && out.length < MAX_SHARED && line[at] === "、") {
    const rest = line.slice(at + 1);
    if (startsWithPost(rest)) break;
    const name = readNameAt(rest);
    if (!name) break;
    out.push({ name, titles: [title], start: at + 1, end: at + 1 + name.length });
    at += 1 + name.length;
  }
  return out;
}

export function extractPeople(lines: readonly string[]): Person[] {
  const byName = new Map<string, string[]>();
  for (const line of lines) {
    checkDeadline();
    const posted = findPostedNames(line);
    const mentions = [
      ...posted,
      ...posted.flatMap((m) => sharingPost(line, m)),
      ...findNamesBeforePosts(line),
      ...findNotedPosts(line),
    ];
    for (const { name, titles } of mentions) {
      const known = byName.get(name) ?? [];
      for (const title of titles) if (!known.includes(title)) known.push(title);
      byName.set(name, known);
    }
  }
  return [...byName].map(([name, titles]) => ({ name, titles }));
}
