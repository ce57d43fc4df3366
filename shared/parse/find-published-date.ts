import { hasBylineLabel, isBylineShaped } from "./byline";
import type { Headline } from "./find-headline";
import type { IndexedElement } from "./html-document";
import type { HtmlLine } from "./html-lines";
import { firstMeta, type HtmlMetadata } from "./html-metadata";
import { PAGE_DATE_LABELS, PAGE_DATE_VERBS } from "./lexicon/date-labels";
import { findDates, hasRelativeDate, parseDateValue, resolveRelativeDate } from "./parse-date";

/**
 * When an HTML page was published. The visible date line under the headline
 * comes first (it is what the reader sees); then publication metadata; then
 * dates in script data; then a relative date line (昨天) resolved against the
 * page's own clock in its script data (wechat-1); last, modification dates.
 */

/** Publication dates in <meta>, most specific first (CMS PubDate, Open Graph/article:*, Sina, QQ, gov.cn, people.com.cn). */
const PUBLISHED_META = [
  "pubdate",
  "publishdate",
  "publish_date",
  "publishtime",
  "publish-time",
  "article:published_time",
  "og:article:published_time",
  "og:release_date",
  "og:time",
  "weibo: article:create_at",
  "apub:time",
  "firstpublishedtime",
  "datepublished",
  "dc.date",
  "dc.date.issued",
  "dcterms.created",
  "date",
] as const;
/** Last resort: when a page was changed, which is at least not before it was published (baijiahao-1's dateUpdate). */
const MODIFIED_META = [
  "dateupdate",
  "article:modified_time",
  "lastmodifiedtime",
  "og:updated_time",
  "dc.date.modified",
] as const;

/** Publication dates in script data and JSON-LD: "publishDate": "2019-09-07T00:31:40.109Z" (readhub-1). */
const SCRIPT_DATE =
  /["']?\b(?:publishDate|pubDate|publish_?[tT]ime|datePublished|pubtime|publishedAt|published_at)\b["']?\s*[:=]\s*["']?([^"',;{}<>\n]{6,40})/;
/** The moment the page was rendered, from its script data: wechat's svr_time, a timestamp parameter. */
const PAGE_CLOCK =
  /\b(?:svr_time|server_?time|servertime|now_?time|timestamp)\b["']?\s*[:=]\s*["']?(\d{10})(?:\d{3})?(?!\d)/i;
/** A byline's date label: 发布时间:2019-05-18 (gsc-1), 发布日期, 时间, 日期, 发表于. */
const DATE_LABEL = new RegExp([...PAGE_DATE_LABELS, ...PAGE_DATE_VERBS].join("|"));

/** How many lines after the headline (or before the article, without a headline) may hold the date line. */
const BYLINE_LINES = 8;
/** Lines at the top of the article that may still be a byline; longer ones are body text and their dates are events. */
const BYLINE_MAX_LENGTH = 60;
const BYLINE_LINES_IN_CONTENT = 4;
const TRAILING_LINES = 6;

export type DateSource = "page" | "meta" | "script" | "relative" | "modified";

export interface PublishedDate {
  date: string;
  source: DateSource;
}

export function findPublishedDate(
  html: string,
  lines: HtmlLine[],
  headline: Headline | null,
  content: IndexedElement | undefined,
  metadata: HtmlMetadata,
): PublishedDate | null {
  const byline = bylineLines(lines, headline, content);
  const visible = dateFromLines(byline);
  if (visible) return { date: visible, source: "page" };

  const fromMeta = firstMeta(metadata, PUBLISHED_META);
  const metaDate = fromMeta ? parseDateValue(fromMeta) : null;
  if (metaDate) return { date: metaDate, source: "meta" };

  const trailing = dateFromLines(trailingLines(lines, content), { labelledOnly: true });
  if (trailing) return { date: trailing, source: "page" };

  const scripted = SCRIPT_DATE.exec(html)?.[1];
  const scriptDate = scripted ? parseDateValue(scripted) : null;
  if (scriptDate) return { date: scriptDate, source: "script" };

  const relativeLine = byline.find((l) => hasRelativeDate(l.text));
  const clock = PAGE_CLOCK.exec(html)?.[1];
  if (relativeLine && clock) {
    const date = resolveRelativeDate(relativeLine.text, Number(clock) * 1000);
    if (date) return { date, source: "relative" };
  }

  const modified = firstMeta(metadata, MODIFIED_META);
  const modifiedDate = modified ? parseDateValue(modified) : null;
  if (modifiedDate) return { date: modifiedDate, source: "modified" };
  return null;
}

/** The lines between the headline and the article, plus short lines opening the article. */
export function bylineLines(
  lines: HtmlLine[],
  headline: Headline | null,
  content: IndexedElement | undefined,
): HtmlLine[] {
  const inContent = (l: HtmlLine) => !!content && l.element >= content.index && l.element <= content.last;
  const out: HtmlLine[] = [];
  const h = headline?.element;
  if (h) {
    const start = lines.findIndex((l) => l.element > h.last);
    for (let i = Math.max(start, 0); start >= 0 && i < lines.length && out.length < BYLINE_LINES; i++) {
      const line = lines[i] as HtmlLine;
      if (inContent(line)) break;
      out.push(line);
    }
  } else if (content) {
    const first = lines.findIndex(inContent);
    for (let i = Math.max(0, first - BYLINE_LINES); i < first; i++) out.push(lines[i] as HtmlLine);
  }
  if (content) {
    let taken = 0;
    for (const line of lines) {
      if (!inContent(line) || (h && line.element <= h.last)) continue;
      if (taken++ >= BYLINE_LINES_IN_CONTENT || beginsText(line)) break;
      out.push(line);
    }
  }
  return out;
}

/** A sentence or a salutation (各乡(镇)人民政府,县政府各部门:) ends its clause with these. */
const TEXT_END = /[。!?！？:：]\s*$/;

/**
 * Where the article's own text begins, bylines are over: a paragraph, a
 * sentence, or the salutation of a notice. The date under its signature
 * (修水县人民政府办公室 / 2023年12月25日, golden page xiushui-policy-notice-other)
 * is the document's date, not the page's.
 */
function beginsText(line: HtmlLine): boolean {
  return line.length > BYLINE_MAX_LENGTH || (TEXT_END.test(line.text) && !hasBylineLabel(line.text));
}

/** Some templates put the date line under the article (cjddsb-1: 发布日期:2019-09-23 in the article's <footer>). */
function trailingLines(lines: HtmlLine[], content: IndexedElement | undefined): HtmlLine[] {
  if (!content) return [];
  const after = lines.findIndex((l) => l.element > content.last);
  return after < 0 ? [] : lines.slice(after, after + TRAILING_LINES);
}

/**
 * A labelled date wins over the first date. An unlabelled date only counts
 * on a line that is mostly that date (plus byline words), so an event date
 * opening the text — govcn-1's （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）
 * — is not taken for the publication date.
 */
function dateFromLines(lines: HtmlLine[], options: { labelledOnly?: boolean } = {}): string | null {
  let first: string | null = null;
  for (const line of lines) {
    const date = findDates(line.text)[0]?.iso;
    if (!date) continue;
    if (DATE_LABEL.test(line.text)) return date;
    if (!options.labelledOnly && isBylineShaped(line.text)) first ??= date;
  }
  return first;
}
