/**
 * The last-resort reading of HTML as text, for pages the DOM path cannot
 * take (nesting past html-nesting.ts's limit): scripts, styles and comments
 * dropped, block tags turned into line breaks, the other tags removed,
 * common entities decoded.
 */

const INVISIBLE = /<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BLOCK_TAG =
  /<\/?(?:address|article|blockquote|br|center|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(nbsp|lt|gt|amp|quot|apos|ldquo|rdquo|mdash|hellip|middot));/gi;
const NAMED: Record<string, string> = {
  nbsp: " ",
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  ldquo: "“",
  rdquo: "”",
  mdash: "—",
  hellip: "…",
  middot: "·",
};

export function stripTags(html: string): string {
  return html
    .replace(INVISIBLE, "")
    .replace(BLOCK_TAG, "\n")
    .replace(ANY_TAG, "")
    .replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : Number.parseInt(hex ?? "", 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}
