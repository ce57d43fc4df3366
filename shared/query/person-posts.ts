import { type IndexItem, UNDATED } from "../storage/item-keys";

/** One post (title) a person held, with the span of meeting dates it was seen on. */
export interface PersonPost {
  title: string;
  /** earliest / latest sortDate of a page naming the person with this title; null when only undated pages do */
  firstSeen: string | null;
  lastSeen: string | null;
}

type PostItem = Pick<IndexItem, "sortDate" | "personTitles">;

/** Distinct titles over the person's index items, in the order they were first held. */
export function personPosts(items: readonly PostItem[]): PersonPost[] {
  const posts = new Map<string, PersonPost>();
  for (const item of items) {
    const date = item.sortDate === UNDATED ? null : item.sortDate;
    for (const title of item.personTitles ?? []) {
      const post = posts.get(title) ?? { title, firstSeen: null, lastSeen: null };
      if (date !== null) {
        if (post.firstSeen === null || date < post.firstSeen) post.firstSeen = date;
        if (post.lastSeen === null || date > post.lastSeen) post.lastSeen = date;
      }
      posts.set(title, post);
    }
  }
  return [...posts.values()].sort(
    (a, b) =>
      compareNullsLast(a.firstSeen, b.firstSeen) ||
      compareNullsLast(a.lastSeen, b.lastSeen) ||
      (a.title < b.title ? -1 : 1),
  );
}

function compareNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
