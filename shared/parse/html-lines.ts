import type { AnyNode, Element } from "domhandler";
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

type Frame = { node: AnyNode | null; owner: number; inLink: boolean; inPre: boolean; exit?: "block" | "cell" };
/** Leaving a block or a cell needs no node: one shared frame each rather than a copy per element. */
const EXIT_BLOCK: Frame = { node: null, owner: -1, inLink: false, inPre: false, exit: "block" };
const EXIT_CELL: Frame = { node: null, owner: -1, inLink: false, inPre: false, exit: "cell" };

/**
 * `content`: hidden elements inside it are rendered too — the article body is
 * the text of its element, and pages hide editorial lines such as 原标题 in it
 * (corpus page njxfhn-1). Hidden elements elsewhere (drop-down menus, popups)
 * stay out.
 */
export function htmlLines(doc: HtmlDocument, content?: IndexedElement): HtmlLine[] {
  const indexOf = new Map<Element, number>();
  for (const e of doc.elements) indexOf.set(e.el, e.index);

  const lines: HtmlLine[] = [];
  let parts: string[] = [];
  let length = 0;
  let linkLength = 0;
  let element = -1;
  const flush = () => {
    if (length > 0)
      lines.push({ text: parts.join("").replace(WHITESPACE_RUN, " ").trim(), length, linkLength, element });
    parts = [];
    length = 0;
    linkLength = 0;
    element = -1;
  };
  const softBreak = () => {
    if (length > SHORT_CELL) flush();
    else if (length > 0) parts.push(" ");
  };

  const stack: Frame[] = [];
  for (let i = doc.document.children.length - 1; i >= 0; i--) {
    const child = doc.document.children[i];
    if (child) stack.push({ node: child, owner: -1, inLink: false, inPre: false });
  }
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    checkDeadline();
    if (frame.exit === "block") {
      flush();
      continue;
    }
    if (frame.exit === "cell") {
      softBreak();
      continue;
    }
    const node = frame.node as AnyNode;
    if (node.type === "text") {
      const visible = visibleLength(node.data);
      if (frame.inPre && node.data.includes("\n")) {
        const pieces = node.data.split("\n");
        pieces.forEach((piece, i) => {
          if (i > 0) flush();
          const n = visibleLength(piece);
          if (n === 0) return;
          if (element < 0) element = frame.owner;
          parts.push(piece);
          length += n;
          if (frame.inLink) linkLength += n;
        });
        continue;
      }
      if (visible === 0) {
        if (length > 0) parts.push(" ");
        continue;
      }
      if (element < 0) element = frame.owner;
      parts.push(node.data);
      length += visible;
      if (frame.inLink) linkLength += visible;
      continue;
    }
    if (node.type !== "tag") continue;
    const el = node as Element;
    const tag = el.name;
    if (SKIPPED_TAGS.has(tag)) continue;
    if (isHidden(el) && !(content && frame.owner >= content.index && frame.owner <= content.last)) continue;
    if (tag === "br" || tag === "hr") {
      flush();
      continue;
    }
    if (tag === "img") continue;
    const owner = indexOf.get(el) ?? frame.owner;
    const isCell = tag === "td" || tag === "th";
    const isBlock = BLOCK_TAGS.has(tag) && !isCell;
    if (isBlock) flush();
    if (isCell) softBreak();
    if (isBlock || isCell) stack.push(isBlock ? EXIT_BLOCK : EXIT_CELL);
    const inLink = frame.inLink || tag === "a";
    const inPre = frame.inPre || tag === "pre" || tag === "textarea";
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child) stack.push({ node: child, owner, inLink, inPre });
    }
  }
  flush();
  return lines;
}
