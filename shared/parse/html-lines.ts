import type { AnyNode, Element, Text } from "domhandler";
import { type HtmlDocument, type IndexedElement, isHidden, visibleLength } from "./html-document";
import { BLOCK_TAGS, SKIPPED_TAGS } from "./lexicon/html-tags";
import { checkDeadline } from "./parse-deadline";

/**
 * Renders an HTML page as lines of text the way a browser lays them out:
 * a block element or <br> ends a line, inline elements flow together. Table
 * cells with short inline content stay on their row's line, so a 政府信息公开
 * table reads "索引号 014119467/2022-00235" rather than two unrelated lines.
 */

export interface HtmlLine {
  /** raw text, whitespace runs collapsed to one space */
  text: string;
  /** visible characters (whitespace excluded) */
  length: number;
  /** visible characters inside <a> */
  linkLength: number;
  /** index (in HtmlDocument.elements) of the element whose text starts the line */
  element: number;
}

/** Above this many characters a table cell is a layout column, not a label or value, and gets its own line. */
const SHORT_CELL = 50;
const WHITESPACE_RUN = /[\s\u00a0\u3000]+/g;

/** Bits of a walked element's saved context: its children's link and pre state, and what leaving it does. */
const IN_LINK = 1;
const IN_PRE = 2;
const EXIT_BLOCK = 4;
const EXIT_CELL = 8;
/** Inside a hidden element the article renders: the DOM index (html-document.ts) left it and its subtree out. */
const UNINDEXED = 16;

/**
 * `content`: hidden elements inside it are rendered too — the article body is
 * the text of its element, and pages hide editorial lines such as 原标题 in it
 * (corpus page njxfhn-1). Hidden elements elsewhere (drop-down menus, popups)
 * stay out.
 */
export function htmlLines(doc: HtmlDocument, content?: IndexedElement): HtmlLine[] {
  // Both walks are in document order, so an element's index is found by reading on from the last one found
  // (past the <br>, <hr> and <img> this walk does not enter): no map from element to index.
  const { elements } = doc;
  let nextIndexed = 0;

  const lines: HtmlLine[] = [];
  let text = "";
  let length = 0;
  let linkLength = 0;
  let element = -1;
  const flush = () => {
    if (length > 0) lines.push({ text: text.replace(WHITESPACE_RUN, " ").trim(), length, linkLength, element });
    text = "";
    length = 0;
    linkLength = 0;
    element = -1;
  };
  const softBreak = () => {
    if (length > SHORT_CELL) flush();
    else if (length > 0) text += " ";
  };

  // The context of the children being walked: the element owning their text, inside a link, inside <pre>.
  let owner = -1;
  let inLink = false;
  let inPre = false;
  let unindexed = false;
  // A walk along the DOM's own child and sibling links; each entered element saves its parent's context (owner, bits).
  const saved: number[] = [];
  let parent: Element | null = null;
  let node: AnyNode | null = doc.document.children[0] ?? null;
  for (;;) {
    if (node === null) {
      if (parent === null) break;
      const bits = saved.pop() as number;
      owner = saved.pop() as number;
      if (bits & EXIT_BLOCK) flush();
      else if (bits & EXIT_CELL) softBreak();
      inLink = (bits & IN_LINK) !== 0;
      inPre = (bits & IN_PRE) !== 0;
      unindexed = (bits & UNINDEXED) !== 0;
      node = parent.next;
      parent = saved.length === 0 ? null : (parent.parent as Element);
      continue;
    }
    checkDeadline();
    if (node.type === "text") {
      const data = (node as Text).data;
      node = node.next;
      if (inPre && data.includes("\n")) {
        const pieces = data.split("\n");
        for (let i = 0; i < pieces.length; i++) {
          if (i > 0) flush();
          const piece = pieces[i] as string;
          const n = visibleLength(piece);
          if (n === 0) continue;
          if (element < 0) element = owner;
          text += piece;
          length += n;
          if (inLink) linkLength += n;
        }
        continue;
      }
      const visible = visibleLength(data);
      if (visible === 0) {
        if (length > 0) text += " ";
        continue;
      }
      if (element < 0) element = owner;
      text += data;
      length += visible;
      if (inLink) linkLength += visible;
      continue;
    }
    const el = node as Element;
    node = node.next;
    if (el.type !== "tag") continue;
    const tag = el.name;
    if (SKIPPED_TAGS.has(tag)) continue;
    const hidden = isHidden(el);
    if (hidden && !(content && owner >= content.index && owner <= content.last)) continue;
    if (tag === "br" || tag === "hr") {
      flush();
      continue;
    }
    if (tag === "img") continue;
    const isCell = tag === "td" || tag === "th";
    const isBlock = BLOCK_TAGS.has(tag) && !isCell;
    if (isBlock) flush();
    if (isCell) softBreak();
    const exit = isBlock ? EXIT_BLOCK : isCell ? EXIT_CELL : 0;
    saved.push(owner, (inLink ? IN_LINK : 0) | (inPre ? IN_PRE : 0) | (unindexed ? UNINDEXED : 0) | exit);
    unindexed ||= hidden;
    if (!unindexed) {
      let at = nextIndexed;
      while (at < elements.length && (elements[at] as IndexedElement).el !== el) at++;
      if (at < elements.length) {
        owner = at;
        nextIndexed = at + 1;
      }
    }
    inLink = inLink || tag === "a";
    inPre = inPre || tag === "pre" || tag === "textarea";
    parent = el;
    node = el.children[0] ?? null;
  }
  flush();
  return lines;
}
