import { BREADCRUMB_LABEL, endsArticle, isDroppedLine, isFooterLine, isNavBullet, isToolLine } from "./boilerplate";
import { isBylineShaped, isDateLine } from "./byline";
import { compact } from "./find-headline";
import { isHeaderLine, readByline } from "./header-lines";
import { DATE_LABELS, labelledValues } from "./labelled-values";
import { DISCLOSURE_LABEL_WORDS, isDisclosureLine } from "./lexicon/disclosure-labels";
import { AGENDA_LABELS, ROLE_LABELS } from "./lexicon/role-labels";
import type { PageMeta } from "./page-text";
import { firstDate } from "./parse-date";
import { spacedAlternation } from "./regex-alternation";
import { siteNameFromCopyright } from "./site-name";

/**
 * The page stage for text dumps (a browser's "save as text" of a page, as in
 * the seeds): menus as "• " bullets, the 政府信息公开 block as label:value
 * lines, the headline, a byline, the article, then print bars and footers.
 * Input lines are already normalised.
 */

export interface ExtractedPage {
  lines: string[];
  bodyLines: string[];
  meta: PageMeta;
  warnings: string[];
}

/** 信息名称: the headline as the 政府信息公开 block states it (seeds 000/001). */
const INFORMATION_NAME = /^信\s*息\s*名\s*称\s*:\s*(.+)$/;
/** A breadcrumb: 您现在的位置:首页 > 开发区新闻 > 常州 > 文字新闻 (seed 002); the trail is group 1. */
const BREADCRUMB = new RegExp(`^${BREADCRUMB_LABEL}\\s*:\\s*(.+)$`);
/**
 * Labels that open the minutes themselves, not the page: the when, where and
 * who printed above the items (golden page laishui-mayor-office-minutes). A
 * line led by one is article text, so it does not push the body's start past it.
 * A bare 时间 also dates the page itself (时间:2021-03-01 under a headline),
 * so a label that DATE_LABELS knows stays a byline label here.
 */
const MINUTES_LABELS = new Set(
  [...Object.values(ROLE_LABELS).flat(), ...AGENDA_LABELS].filter((label) => !DATE_LABELS.test(label)),
);
/** A line long enough to be a paragraph of the article, not a header item. */
const PARAGRAPH_LENGTH = 40;
const MIN_HEADLINE = 4;
const MAX_HEADLINE = 60;
/** A headline right above a byline may run long (two clauses joined by a comma). */
const MAX_HEADLINE_ABOVE_BYLINE = 120;
/** How many headline lines a stacked headline has at most (引题, 主题, 副题). */
const MAX_STACK = 3;
/**
 * Bounds that keep the headline search linear on a header of thousands of
 * lines: how many bylines are tried, how far above one the headline may be.
 */
const MAX_BYLINES_TRIED = 4;
const HEADLINE_REACH = 12;
/** How many short lines after a slogan-like first "paragraph" may still hold the page's dated byline. */
const BYLINE_LOOKAHEAD = 12;
/** A salutation opening a notice (各区、县人民政府,市政府各局、委、办:) sits between headline and text. */
const SALUTATION = /[::]$/;
/** Question marks where a converter lost the characters, or replacement characters. */
const MOJIBAKE = /\?{3}|\uFFFD/;
/** Which line of a stacked headline names the meeting. */
const NAMES_MEETING = /召开|举行|会议|会$/;
const LEADING_BULLET = /^[•·●◆■▪►]\s*/;
const TRAILING_ORIGIN = /^[(（]\s*(?:来源|稿源|文章来源|信息来源|新闻来源)\s*[:：]\s*([^()（）]{2,30})[)）]$/;
const TRAILING_ORIGIN_LINES = 3;
/** An item heading of minutes or a document: 一、, (一), 1., 第一条. */
const ENUMERATED = /^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|第[一二三四五六七八九十百\d]{1,4}[条章节])/;
/** A disclosure label run into the end of a headline line. */
const LABELLED_TAIL = new RegExp(`\\s(?:${spacedAlternation(DISCLOSURE_LABEL_WORDS)})\\s*:`, "u");
/** Headlines do not end like sentences. */
const SENTENCE_END = /[。!?;:,]$/;
const PARAGRAPH_END = /[。!?;)”]$/;

export function extractTextPage(normalisedLines: readonly string[]): ExtractedPage {
  const all = normalisedLines.filter((l) => l.length > 0);
  const headerEnd = headerLength(all);
  const header = all.slice(0, headerEnd);

  let title = firstMatch(header, INFORMATION_NAME);
  let headlineAt = title ? -1 : headlineIndex(header);
  if (!title && headlineAt >= 0) title = withoutLabelledTail(header[headlineAt] as string);
  if (title && headlineAt < 0) headlineAt = header.findIndex((l) => compact(l) === compact(title as string));

  // The article starts after the last header item: the headline, the byline, labelled block lines.
  let start = 0;
  for (let i = 0; i < headerEnd; i++) {
    const line = all[i] as string;
    if (i === headlineAt || isNavBullet(line) || isDroppedLine(line) || isToolLine(line)) start = i + 1;
    else if ((isLabelled(line) || isDisclosureLine(line)) && !opensMinutes(line)) start = i + 1;
    else if (isBylineLine(line)) start = i + 1;
  }
  // A headline printed again under the byline or breadcrumb is read once; its decks are not text.
  let decks = 0;
  while (start < all.length) {
    const line = all[start] as string;
    if (opensMinutes(line)) break;
    if (isHeaderLine(line) || echoesTitle(line, title)) start++;
    else if (headlineAt >= 0 && start < headerEnd && decks < MAX_STACK - 1 && isDeck(line)) {
      start++;
      decks++;
    } else break;
  }

  let end = start;
  while (end < all.length && !endsArticle(all[end] as string)) end++;
  const bodyLines = all.slice(start, end).filter((l) => !isDroppedLine(l));
  const preamble = all.slice(0, start).filter((l) => !isNavBullet(l) && !isDroppedLine(l) && !isToolLine(l));

  const byline = readByline(header);
  const meta: PageMeta = {
    title: title ?? null,
    publishedDate: byline.publishedDate ?? datelineAfter(header, headlineAt),
    siteName: lastNonNull(all.slice(end).map((l) => (isFooterLine(l) ? siteNameFromCopyright(l) : null))),
    origin: byline.origin ?? trailingOrigin(bodyLines),
    url: null,
    columnName: columnFromBreadcrumb(header),
    extra: byline.extra,
  };
  return { lines: [...preamble, ...bodyLines], bodyLines, meta, warnings: [] };
}

/**
 * Where the header (menus, headline, byline, disclosure block) ends: at the
 * first line that reads as article text — long, not labelled, not site
 * furniture. A long slogan above the headline looks like a paragraph, so
 * when a dated byline (发布日期:…, 更新日期:…) follows within a few short
 * lines, the header runs past it.
 */
function headerLength(lines: readonly string[]): number {
  const end = firstParagraph(lines, 0);
  const candidate = lines[end] ?? "";
  for (let i = end + 1; i < Math.min(lines.length, end + 1 + BYLINE_LOOKAHEAD); i++) {
    const line = lines[i] as string;
    if (isParagraph(line)) break;
    const datedByline = hasLabelledDate(line) || (isBylineLine(line) && firstDate(line) !== null);
    // A long headline has a dated byline under it; a paragraph ends its sentence.
    if (hasLabelledDate(line) || (datedByline && !PARAGRAPH_END.test(candidate))) return firstParagraph(lines, i + 1);
  }
  return end;
}

/** Index of the first line from `from` on that reads as article text. */
function firstParagraph(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (isParagraph(lines[i] as string)) return i;
  return lines.length;
}

function isParagraph(line: string): boolean {
  return (
    line.length >= PARAGRAPH_LENGTH &&
    labelledValues(line).length === 0 &&
    !isDisclosureLine(line) &&
    !isDroppedLine(line) &&
    !endsArticle(line)
  );
}

function hasLabelledDate(line: string): boolean {
  return labelledValues(line).some((p) => DATE_LABELS.test(p.label)) && !INFORMATION_NAME.test(line);
}

/** A byline: a date line, a 来源/作者 line, a reporter's line — with or without a list bullet. */
function isBylineLine(line: string): boolean {
  const bare = line.replace(LEADING_BULLET, "");
  return (hasLabelledDate(bare) || isBylineShaped(bare)) && !opensMinutes(bare);
}

/**
 * The headline of a text dump. Above the byline when there is one (the
 * byline closest to the article first, so a date bar at the top of the site
 * does not hide it); otherwise the headline-shaped lines right above the
 * article. Chrome is never a headline: widgets (进入老年版, 字体:【大】【小】),
 * menus, breadcrumbs, dates, bylines, disclosure lines, captions (【资料图】)
 * and mojibake (???).
 */
function headlineIndex(header: readonly string[]): number {
  let tried = 0;
  for (let b = header.length - 1; b >= 0 && tried < MAX_BYLINES_TRIED; b--) {
    if (!isBylineLine(header[b] as string)) continue;
    tried++;
    const i = headlineBefore(header, b);
    if (i >= 0) return i;
  }
  return headlineAbove(header);
}

function headlineBefore(header: readonly string[], byline: number): number {
  for (let i = byline - 1; i >= Math.max(0, byline - HEADLINE_REACH); i--) {
    const line = header[i] as string;
    if (isChrome(line) || isBylineLine(line)) continue;
    return isHeadlineShaped(line, MAX_HEADLINE_ABOVE_BYLINE) ? i : -1;
  }
  return -1;
}

/**
 * Without a byline: the stack of headline-shaped lines right above the
 * article (skipping chrome and a salutation). A stacked headline (main line,
 * then 许勤主持并讲话, then a decision) is read from its first line that
 * names a meeting, else from its last line.
 */
function headlineAbove(header: readonly string[]): number {
  const stack: number[] = [];
  for (let i = header.length - 1; i >= 0 && stack.length < MAX_STACK; i--) {
    const line = header[i] as string;
    if (stack.length === 0 && (isChrome(line) || SALUTATION.test(line))) continue;
    if (!isHeadlineShaped(line, MAX_HEADLINE) || isBylineLine(line)) break;
    stack.unshift(i);
  }
  if (stack.length === 0) return -1;
  return stack.find((i) => NAMES_MEETING.test(header[i] as string)) ?? (stack.at(-1) as number);
}

function isChrome(line: string): boolean {
  return (
    isNavBullet(line) ||
    isDroppedLine(line) ||
    isToolLine(line) ||
    isFooterLine(line) ||
    BREADCRUMB.test(line) ||
    isDisclosureLine(line) ||
    MOJIBAKE.test(line) ||
    labelledValues(line).some((p) => p.value === "")
  );
}

function isHeadlineShaped(line: string, maxLength: number): boolean {
  return (
    line.length >= MIN_HEADLINE &&
    line.length <= maxLength &&
    !SENTENCE_END.test(line) &&
    !isChrome(line) &&
    !isDateLine(line)
  );
}

/** 标题 主题分类: 会议 — the tail of a disclosure block run into the headline is not part of it. */
function withoutLabelledTail(line: string): string {
  const tail = LABELLED_TAIL.exec(line);
  return tail && tail.index > 0 ? line.slice(0, tail.index).trim() : line;
}

/**
 * A deck: a headline-shaped line under the headline, before the article
 * (陈道彬主持召开区政府第13次常务会议 / 学习贯彻…精神). Not an item heading
 * (一、…, (一)…) nor a minutes label.
 */
function isDeck(line: string): boolean {
  return isHeadlineShaped(line, MAX_HEADLINE) && !ENUMERATED.test(line) && !opensMinutes(line);
}

/**
 * A reposted article names its source under the text when the byline does
 * not: (来源:县人民政府网站).
 */
function trailingOrigin(bodyLines: readonly string[]): string | null {
  for (const line of bodyLines.slice(-TRAILING_ORIGIN_LINES)) {
    const origin = TRAILING_ORIGIN.exec(line)?.[1]?.trim();
    if (origin) return origin;
  }
  return null;
}

function echoesTitle(line: string, title: string | null | undefined): boolean {
  return !!title && compact(line) === compact(title);
}

/**
 * A date line under the headline, without a label (2020年11月27日20:22,
 * 王建明 时政 兰州市发改委 2017-04-29, 2023-12-08 | 来源:…). Only below the
 * headline: a date bar at the top of a site is the day it was crawled.
 */
function datelineAfter(header: readonly string[], headlineAt: number): string | null {
  if (headlineAt < 0) return null;
  for (let i = headlineAt + 1; i < header.length; i++) {
    const line = (header[i] as string).replace(LEADING_BULLET, "");
    if (isBylineShaped(line)) {
      const date = firstDate(line);
      if (date) return date;
    }
  }
  return null;
}

function opensMinutes(line: string): boolean {
  return MINUTES_LABELS.has(labelledValues(line)[0]?.label ?? "");
}

function isLabelled(line: string): boolean {
  return labelledValues(line).some((p) => p.value.length > 0);
}

function firstMatch(lines: readonly string[], pattern: RegExp): string | null {
  for (const line of lines) {
    const value = pattern.exec(line)?.[1]?.trim();
    if (value) return value;
  }
  return null;
}

function columnFromBreadcrumb(lines: readonly string[]): string | null {
  for (const line of lines) {
    const trail = BREADCRUMB.exec(line)?.[1];
    if (trail)
      return (
        trail
          .split(/\s*[>»›]\s*/)
          .pop()
          ?.trim() || null
      );
  }
  return null;
}

function lastNonNull<T>(values: (T | null)[]): T | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i] as T;
  return null;
}
