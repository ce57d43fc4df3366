/**
 * The last-resort reading of HTML as text, for pages the DOM path cannot
 * take (nesting past html-document.ts's limit): scripts, styles and comments
 * dropped, block tags turned into line breaks, the other tags removed,
 * common entities decoded.
 */

/** Where an invisible block opens; its end is found with indexOf, once per block. */
const INVISIBLE_OPEN = /<(script|style|noscript|template)\b|<!--/gi;
const CLOSE_TAG_END = /^\s*>/;
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
  const blocksBroken = untilLastTagEnd(withoutInvisible(html), (tags) => tags.replace(BLOCK_TAG, "\n"));
  return untilLastTagEnd(blocksBroken, (tags) => tags.replace(ANY_TAG, "")).replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const code = dec ? Number(dec) : Number.parseInt(hex ?? "", 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/**
 * Scripts, styles and comments removed. A scan rather than one lazy regex:
 * `<script\b[\s\S]*?</script>` runs to the end of the page for every
 * unclosed <script>, which made a page of them quadratic. Once a kind has no
 * closing tag left, no later opening of it can close either, so each kind
 * is searched to the end at most once; an unclosed one stays, as it did.
 */
function withoutInvisible(html: string): string {
  const lower = html.toLowerCase();
  const pieces: string[] = [];
  let kept = 0;
  const unclosed = new Set<string>();
  INVISIBLE_OPEN.lastIndex = 0;
  for (let m = INVISIBLE_OPEN.exec(html); m; m = INVISIBLE_OPEN.exec(html)) {
    const kind = (m[1] ?? "!--").toLowerCase();
    if (unclosed.has(kind)) continue;
    const end = blockEnd(lower, kind, m.index + m[0].length);
    if (end < 0) {
      unclosed.add(kind);
      continue;
    }
    pieces.push(html.slice(kept, m.index));
    kept = end;
    INVISIBLE_OPEN.lastIndex = end;
  }
  pieces.push(html.slice(kept));
  return pieces.join("");
}

/** The index after the block's end (</kind> or -->), or -1 when it never ends. */
function blockEnd(lower: string, kind: string, from: number): number {
  if (kind === "!--") {
    const at = lower.indexOf("-->", from);
    return at < 0 ? -1 : at + 3;
  }
  for (let at = lower.indexOf(`</${kind}`, from); at >= 0; at = lower.indexOf(`</${kind}`, at + 1)) {
    const rest = CLOSE_TAG_END.exec(lower.slice(at + kind.length + 2, at + kind.length + 2 + 64));
    if (rest) return at + kind.length + 2 + rest[0].length;
  }
  return -1;
}

/** Applies the tag patterns up to the last ">": after it, each "<" would scan to the end of the page and fail. */
function untilLastTagEnd(html: string, strip: (tags: string) => string): string {
  const end = html.lastIndexOf(">") + 1;
  return strip(html.slice(0, end)) + html.slice(end);
}
