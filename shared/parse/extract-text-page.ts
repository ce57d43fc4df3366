import { BREADCRUMB_LABEL, endsArticle, isDroppedLine, isFooterLine, isNavBullet, isToolLine } from "./boilerplate";
import { compact } from "./find-headline";
import { isHeaderLine, readByline } from "./header-lines";
import { DATE_LABELS, labelledValues } from "./labelled-values";
import type { PageMeta } from "./page-text";
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
 */
const MINUTES_LABELS =
  /^(?:会议时间|开会时间|会议地点|开会地点|地点|主持|主持人|会议主持|出席|出席人员|出席会议|出席领导|参加人员|参会人员|参加会议人员|列席|列席人员|列席会议|请假|请假人员|缺席|缺席人员|记录|记录人|会议记录|会议议题|议题)$/;
/** A line long enough to be a paragraph of the article, not a header item. */
const PARAGRAPH_LENGTH = 40;
const MIN_HEADLINE = 4;
const MAX_HEADLINE = 60;
/** Headlines do not end like sentences. */
const SENTENCE_END = /[。!?;:,]$/;

export function extractTextPage(normalisedLines: readonly string[]): ExtractedPage {
  const all = normalisedLines.filter((l) => l.length > 0);
  const headerEnd = firstParagraph(all);
  const header = all.slice(0, headerEnd);

  const dateLine = header.findIndex(
    (l) => labelledValues(l).some((p) => DATE_LABELS.test(p.label)) && !INFORMATION_NAME.test(l),
  );
  let title = firstMatch(header, INFORMATION_NAME);
  if (!title && dateLine > 0) title = headlineBefore(all, dateLine);
  if (!title) title = headlineAbove(header);

  // The article starts after the last header item: the headline, the byline, labelled block lines.
  let start = 0;
  const headlineAt = title ? all.findIndex((l, i) => i < headerEnd && compact(l) === compact(title as string)) : -1;
  for (let i = 0; i < headerEnd; i++) {
    const line = all[i] as string;
    if (i === headlineAt || isNavBullet(line) || isDroppedLine(line) || isToolLine(line)) start = i + 1;
    else if (isLabelled(line) && !opensMinutes(line)) start = i + 1;
  }
  while (start < all.length && isHeaderLine(all[start] as string) && !opensMinutes(all[start] as string)) start++;

  let end = start;
  while (end < all.length && !endsArticle(all[end] as string)) end++;
  const bodyLines = all.slice(start, end).filter((l) => !isDroppedLine(l));
  const preamble = all.slice(0, start).filter((l) => !isNavBullet(l) && !isDroppedLine(l) && !isToolLine(l));

  const byline = readByline(header);
  const meta: PageMeta = {
    title: title ?? null,
    publishedDate: byline.publishedDate,
    siteName: lastNonNull(all.slice(end).map((l) => (isFooterLine(l) ? siteNameFromCopyright(l) : null))),
    origin: byline.origin,
    url: null,
    columnName: columnFromBreadcrumb(header),
    extra: byline.extra,
  };
  return { lines: [...preamble, ...bodyLines], bodyLines, meta, warnings: [] };
}

/** Index of the first line that reads as article text: long, and not a label:value line. */
function firstParagraph(lines: readonly string[]): number {
  const i = lines.findIndex(
    (l) => l.length >= PARAGRAPH_LENGTH && labelledValues(l).length === 0 && !isDroppedLine(l) && !endsArticle(l),
  );
  return i < 0 ? lines.length : i;
}

function opensMinutes(line: string): boolean {
  return MINUTES_LABELS.test(labelledValues(line)[0]?.label ?? "");
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

/** The headline is the line above the byline (seeds 002/004), skipping breadcrumbs and menus. */
function headlineBefore(lines: readonly string[], dateLine: number): string | null {
  for (let i = dateLine - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (isNavBullet(line) || isDroppedLine(line) || BREADCRUMB.test(line) || isToolLine(line)) continue;
    return line.length >= MIN_HEADLINE ? line : null;
  }
  return null;
}

/** Without 信息名称 or a byline, a headline-shaped line right above the first paragraph: short, not a sentence, not furniture. */
function headlineAbove(header: readonly string[]): string | null {
  const line = header.at(-1);
  if (!line || line.length < MIN_HEADLINE || line.length > MAX_HEADLINE || SENTENCE_END.test(line)) return null;
  if (isNavBullet(line) || isDroppedLine(line) || isToolLine(line) || isFooterLine(line) || isLabelled(line))
    return null;
  return line;
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
