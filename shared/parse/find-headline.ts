import type { AnyNode, Element } from "domhandler";
import { BREADCRUMB_LABEL } from "./boilerplate";
import type { HtmlDocument, IndexedElement } from "./html-document";
import { firstMeta, type HtmlMetadata } from "./html-metadata";
import { SKIPPED_TAGS } from "./lexicon/html-tags";

/**
 * Finds the article headline. <title> alone is not enough: it carries site
 * and channel suffixes (标题_网易财经, 标题--当代商报), sometimes a prefix
 * (mingridapan-1: 明日股市预测--标题) and sometimes no headline at all (gsc-1:
 * 新闻动态--中国地理学会官网). So the page's heading-like elements compete:
 * headings and "title" classes score for their tag, for matching the
 * metadata titles, and for sitting just above (or at the top of) the article.
 */

export interface Headline {
  text: string;
  /** the element it came from, when it came from the page rather than metadata */
  element: IndexedElement | null;
}

/** Class/id fragments of headline elements (title, headline, 标题 = biaoti, tit, bt). */
const TITLE_HINT = /title|headline|biaoti|(^|[\s_-])(tit|bt|hd)([\s_-]|\d|$)/;
/** Short section labels that are headings but never headlines (corpus: 相关文章, 推荐阅读, 大家都爱看, 友情链接). */
const SECTION_LABEL =
  /^(相关|推荐|热门|热点|最新|精彩|大家都爱看|友情链接|猜你喜欢|延伸阅读|更多|评论|网友|联系我们|图片|视频|专题|今日|本站|栏目|导航|热搜|排行|作者|上一|下一|分享)/;
const MAX_LABEL_LENGTH = 8;
/** Breadcrumbs are styled like titles (gsc-1: <div class="title_la">首页 - 新闻动态). */
const BREADCRUMB = new RegExp(`^(?:首页|主页|${BREADCRUMB_LABEL})|>|»|›`);
/**
 * Separators between headline and site/channel names in <title>: "_", "|",
 * "--", "——" and spaced dashes. A bare "-" only counts when it is not between
 * digits, so 1-10月 survives (gzggw-1).
 */
const TITLE_SEPARATORS = /\s*(?:_{1,}|\||｜|-{2,}|—{1,}|–|\s-\s|(?<!\d)-(?!\d))\s*/;

const MIN_LENGTH = 4;
const MAX_LENGTH = 120;
/**
 * Metadata titles are not weighed against the page, so they get a looser
 * bound: a document's full name may run long, but a <title> or og:title of
 * thousands of characters is a broken template, not a headline.
 */
const MAX_METADATA_LENGTH = 300;
/** An element candidate needs at least this score to beat the metadata titles. */
const ACCEPT_SCORE = 3;

export function findHeadline(
  doc: HtmlDocument,
  content: IndexedElement | undefined,
  metadata: HtmlMetadata,
): Headline | null {
  const referenceKeys = [
    firstMeta(metadata, ["articletitle"]),
    firstMeta(metadata, ["og:title"]),
    firstMeta(metadata, ["twitter:title"]),
    metadata.documentTitle,
  ]
    .map((r) => (r ? compact(r) : ""))
    .filter((key) => key.length >= MIN_LENGTH);

  let best: { text: string; element: IndexedElement; score: number } | undefined;
  for (const e of doc.elements) {
    const isHeading = /^h[1-6]$/.test(e.tag);
    const hinted = e.classAndId.trim() !== "" && TITLE_HINT.test(e.classAndId);
    if (!isHeading && !hinted) continue;
    if (e.text < MIN_LENGTH || e.text > MAX_LENGTH) continue;
    if (content && e.index < content.index && e.last >= content.last) continue; // an ancestor of the article
    const text = elementText(e.el);
    const key = compact(text);
    if (key.length < MIN_LENGTH || BREADCRUMB.test(key)) continue;
    if (key.length <= MAX_LABEL_LENGTH && SECTION_LABEL.test(key)) continue;

    let score = isHeading ? headingWeight(e.tag) : 0;
    if (hinted) score += isHeading ? 0.5 : 1.5;
    if (e.linkText > e.text / 2) score -= 1.5;
    // Headlines are sentences; labels, names and counters are short.
    if (key.length >= 10) score += 0.5;
    if (key.length >= 16) score += 0.5;
    score += 4 * Math.max(0, ...referenceKeys.map((r) => similarity(key, r)));
    if (content) score += positionScore(e, content);
    if (!best || score > best.score) best = { text, element: e, score };
  }
  if (best && best.score >= ACCEPT_SCORE) return { text: clean(best.text), element: best.element };

  const fromMeta = firstMeta(metadata, ["articletitle", "og:title", "twitter:title"]);
  if (fromMeta && isHeadlineSized(fromMeta)) return { text: clean(fromMeta), element: null };
  if (metadata.documentTitle) {
    const text = headlineFromDocumentTitle(metadata.documentTitle);
    if (text && isHeadlineSized(text)) return { text, element: null };
  }
  return null;
}

function isHeadlineSized(text: string): boolean {
  return compact(text).length <= MAX_METADATA_LENGTH;
}

/** The longest segment of a <title> split at site/channel separators: 标题_频道_网站 → 标题. */
export function headlineFromDocumentTitle(title: string): string | null {
  const segments = title
    .split(TITLE_SEPARATORS)
    .map((s) => clean(s))
    .filter((s) => s.length > 0);
  let longest: string | null = null;
  for (const s of segments) if (!longest || compact(s).length > compact(longest).length) longest = s;
  return longest;
}

function headingWeight(tag: string): number {
  switch (tag) {
    case "h1":
      return 2;
    case "h2":
      return 1.5;
    default:
      return 1;
  }
}

/** Headlines sit just above the article, or open it. */
function positionScore(e: IndexedElement, content: IndexedElement): number {
  if (e.index >= content.index && e.index <= content.last) return e.textBefore - content.textBefore < 30 ? 2 : -2;
  if (e.index > content.last) return -2;
  const gap = content.textBefore - (e.textBefore + e.text);
  if (gap <= 200) return 3;
  if (gap <= 600) return 2;
  if (gap <= 2000) return 1;
  return 0;
}

/** 1 when equal; 0.8 when one holds the other (a <title> with suffixes, an og:title cut short); else 0. */
function similarity(candidate: string, reference: string): number {
  if (candidate === reference) return 1;
  if (reference.includes(candidate) && candidate.length >= 5 && candidate.length >= 0.3 * reference.length) return 0.8;
  if (candidate.startsWith(reference) && reference.length >= 8) return 0.8;
  return 0;
}

export function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, " ").trim();
}

function elementText(el: Element): string {
  let out = "";
  const stack: AnyNode[] = [el];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === "text") out += node.data;
    else if (node.type === "tag" && !SKIPPED_TAGS.has((node as Element).name)) {
      const children = (node as Element).children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push(child);
      }
    }
  }
  return out;
}
