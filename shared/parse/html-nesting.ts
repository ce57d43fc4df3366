/**
 * How deeply a page nests its elements, estimated from the tags alone.
 * htmlparser2 keeps its open-element stack with Array#unshift, so every
 * open tag costs time proportional to the depth: a page of 200 000 unclosed
 * <div>s takes minutes. Real pages stay under a few hundred levels, so a
 * page beyond the limit is read as text instead (see strip-tags.ts).
 */

export const MAX_NESTING_DEPTH = 5000;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
/** Elements without a closing tag. */
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements the parser closes by itself when a sibling opens (an unclosed <p> or <li> does not nest). */
const SELF_CLOSING_SIBLINGS = new Set([
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "thead",
  "tbody",
  "tfoot",
  "rt",
  "rp",
]);

export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  // A "<" with no ">" after it makes TAG scan to the end of the page and fail; after the last ">" every "<" would.
  const tags = html.slice(0, html.lastIndexOf(">") + 1);
  for (const m of tags.matchAll(TAG)) {
    const name = (m[2] ?? "").toLowerCase();
    if (VOID.has(name) || SELF_CLOSING_SIBLINGS.has(name) || m[3] === "/") continue;
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}
