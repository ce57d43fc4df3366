import type { AnyNode, Document, Element, Text } from "domhandler";
import { DomHandler, Parser } from "htmlparser2";
import { FastTokenizer } from "./html-tokenizer";
import { BLOCK_TAGS, SKIPPED_TAGS } from "./lexicon/html-tags";
import { checkDeadline } from "./parse-deadline";

/**
 * An HTML page flattened into its elements in document order, with the text
 * statistics the content finder and the headline finder need. Built in one
 * iterative pass (no recursion: a page of 100 000 nested <div>s must not
 * overflow the stack).
 *
 * htmlparser2 rather than parse5: it is several times faster and, like
 * parse5, keeps reading past a stray </html> (corpus page govcn-1). Called
 * directly, not through cheerio's load: nothing here queries with selectors.
 */

/**
 * htmlparser2 keeps its open-element stack with Array#unshift, so every open
 * tag costs time proportional to the depth: a page of 200 000 unclosed <div>s
 * takes minutes. Real pages stay under a few hundred levels; the DOM build
 * stops at this depth and the page is read as text instead (strip-tags.ts).
 */
export const MAX_NESTING_DEPTH = 5000;

export interface IndexedElement {
  el: Element;
  /** tag name, lower case */
  tag: string;
  /** position in document order (pre-order) */
  index: number;
  /** index of the parent element, -1 at the top */
  parent: number;
  /** index of the last descendant (== index for a leaf) */
  last: number;
  /** visible characters (whitespace excluded) before this element starts */
  textBefore: number;
  /** visible characters inside, whitespace excluded */
  text: number;
  /** ... of which inside <a> */
  linkText: number;
  /** text owned directly: in text nodes and inline children, not in nested blocks */
  ownText: number;
  ownLinkText: number;
  ownPunct: number;
  /** class and id, lower case, for CMS hints */
  classAndId: string;
}

export interface HtmlDocument {
  document: Document;
  elements: IndexedElement[];
}

/** Sentence punctuation, full-width and (after NFKC, as in the seed pages) ASCII; "." is left out because URLs and numbers are full of it. */
const PUNCTUATION = new Uint8Array(0x10000);
for (const mark of "，。！？；、,!?;：") PUNCTUATION[mark.charCodeAt(0)] = 1;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/**
 * The page's DOM, indexed; undefined when its elements nest deeper than
 * MAX_NESTING_DEPTH. The depth is the parser's own (an unclosed <p> or <li>
 * closed by its sibling does not nest), watched while it builds the tree,
 * so no separate scan of the page is needed.
 */
export function parseHtml(html: string): HtmlDocument | undefined {
  const handler = new DepthLimitedHandler();
  const parser = new Parser(handler, { Tokenizer: FastTokenizer });
  handler.building = parser;
  parser.end(html);
  return handler.tooDeep ? undefined : indexDocument(handler.root);
}

/** The DOM handler cheerio's load uses, pausing the parser (which then never finishes) once the open elements pass the limit. */
class DepthLimitedHandler extends DomHandler {
  building: Parser | undefined;
  tooDeep = false;

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // tagStack holds the document itself below the open elements
    if (this.tagStack.length > MAX_NESTING_DEPTH + 1 && !this.tooDeep) {
      this.tooDeep = true;
      this.building?.pause();
    }
  }
}

export function isHidden(el: Element): boolean {
  const style = el.attribs.style;
  return (style !== undefined && HIDDEN_STYLE.test(style)) || el.attribs.hidden !== undefined;
}

function isSkipped(el: Element): boolean {
  return SKIPPED_TAGS.has(el.name) || isHidden(el);
}

/** Per UTF-16 code unit: 1 if a reader sees it; 0 for whitespace, NBSP, ideographic space, zero-width characters. */
const VISIBLE = new Uint8Array(0x10000).fill(1);
for (let c = 0; c <= 0x20; c++) VISIBLE[c] = 0;
for (const c of [0xa0, 0x3000, 0x200b, 0x200c, 0x200d, 0xfeff]) VISIBLE[c] = 0;

/** A sum over a table rather than a chain of comparisons: it runs over every text node, twice. */
export function visibleLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += VISIBLE[text.charCodeAt(i)] as number;
  return n;
}

/** A count, not a regex match: no array of matches per text node. */
function punctuationCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) n += PUNCTUATION[text.charCodeAt(i)] as number;
  return n;
}

function indexDocument(document: Document): HtmlDocument {
  const elements: IndexedElement[] = [];
  // Per element: the block that owns its children's text, and whether they sit inside a link.
  const blockOf: number[] = [];
  const linkOf: boolean[] = [];
  let textSoFar = 0;
  // A walk along the DOM's own child and sibling links: no stack to overflow, no frame allocated per node.
  let current = -1;
  let node: AnyNode | null = document.children[0] ?? null;
  for (;;) {
    if (node === null) {
      if (current < 0) break;
      const done = elements[current] as IndexedElement;
      done.last = elements.length - 1;
      node = done.el.next;
      current = done.parent;
      continue;
    }
    checkDeadline();
    const block = current < 0 ? -1 : (blockOf[current] as number);
    const inLink = current >= 0 && (linkOf[current] as boolean);
    if (node.type === "text") {
      const data = (node as Text).data;
      const length = visibleLength(data);
      if (length > 0) {
        textSoFar += length;
        const link = inLink ? length : 0;
        const owner = elements[block];
        if (owner) {
          owner.ownText += length;
          owner.ownLinkText += link;
          if (!inLink) owner.ownPunct += punctuationCount(data);
        }
        const container = elements[current];
        if (container) {
          // summed into the ancestors in one reverse pass below
          container.text += length;
          container.linkText += link;
        }
      }
      node = node.next;
      continue;
    }
    if ((node.type !== "tag" && node.type !== "script" && node.type !== "style") || isSkipped(node as Element)) {
      node = node.next;
      continue;
    }
    const el = node as Element;
    const index = elements.length;
    const tag = el.name;
    const { class: cls, id } = el.attribs;
    elements.push({
      el,
      tag,
      index,
      parent: current,
      last: index,
      textBefore: textSoFar,
      text: 0,
      linkText: 0,
      ownText: 0,
      ownLinkText: 0,
      ownPunct: 0,
      classAndId: cls === undefined && id === undefined ? " " : `${cls ?? ""} ${id ?? ""}`.toLowerCase(),
    });
    blockOf.push(BLOCK_TAGS.has(tag) ? index : block);
    linkOf.push(inLink || tag === "a");
    current = index;
    node = el.children[0] ?? null;
  }
  // Pre-order puts every parent before its children, so one reverse pass sums subtrees in O(n).
  for (let i = elements.length - 1; i >= 0; i--) {
    const child = elements[i] as IndexedElement;
    const parent = elements[child.parent];
    if (!parent) continue;
    parent.text += child.text;
    parent.linkText += child.linkText;
  }
  return { document, elements };
}
