import { SELF_CLOSING_SIBLING_TAGS, VOID_TAGS } from "./lexicon/html-tags";

/**
 * How deeply a page nests its elements, estimated from the tags alone.
 * htmlparser2 keeps its open-element stack with Array#unshift, so every
 * open tag costs time proportional to the depth: a page of 200 000 unclosed
 * <div>s takes minutes. Real pages stay under a few hundred levels, so a
 * page beyond the limit is read as text instead (see strip-tags.ts).
 */

export const MAX_NESTING_DEPTH = 5000;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  // A "<" with no ">" after it makes TAG scan to the end of the page and fail; after the last ">" every "<" would.
  const tags = html.slice(0, html.lastIndexOf(">") + 1);
  for (const m of tags.matchAll(TAG)) {
    const name = (m[2] ?? "").toLowerCase();
    if (VOID_TAGS.has(name) || SELF_CLOSING_SIBLING_TAGS.has(name) || m[3] === "/") continue;
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}
