import { endsArticle, isDroppedLine, isFooterLine, isNavBullet, isToolLine } from "./boilerplate";
import type { ExtractedPage } from "./extract-text-page";
import { findContentElement } from "./find-content-element";
import { compact, findHeadline } from "./find-headline";
import { bylineLines, type DateSource, findPublishedDate } from "./find-published-date";
import { isArticleOpener, readByline } from "./header-lines";
import { parseHtml } from "./html-document";
import { type HtmlLine, htmlLines } from "./html-lines";
import { firstMeta, type HtmlMetadata, readHtmlMetadata } from "./html-metadata";
import type { PageMeta } from "./page-text";
import { checkDeadlineNow } from "./parse-deadline";
import { siteNameFromCopyright } from "./site-name";

/**
 * The page stage for HTML: find the article element, the headline and the
 * date line, and render the article as lines. `lines` is what a reader sees
 * above the article (headline, byline, a 政府信息公开 table — menus and link
 * lists left out) followed by the article; nothing below the article
 * (comments, related links, footers) makes it in.
 */

/** Lines kept above the article: enough for a disclosure table, headline and byline; menus above them are noise. */
const MAX_PREAMBLE_LINES = 60;
/** A line whose text is mostly link text is a menu item, a breadcrumb or a related-article link. */
const LINK_LINE_RATIO = 0.5;
const LINK_ONLY_RATIO = 0.9;
const MIN_LINK_LINE = 6;
const MAX_WIDGET_LINK = 4;
const MAX_LABEL = 2;
const UNSURE_DATE_SOURCES: Partial<Record<DateSource, string>> = {
  script: "script data",
  relative: "a relative date line and the page's clock",
  modified: "the page's modification date",
};
/** Attachment links: 附件, or a document file name. */
const ATTACHMENT = /附件|\.(docx?|xlsx?|pdf|wps|et|zip|rar|7z|ofd|jpg|png)\b/i;

/** Undefined when the page nests too deeply for the DOM (html-document.ts): the caller reads it as text. */
export function extractHtmlPage(html: string, normalise: (text: string) => string): ExtractedPage | undefined {
  const warnings: string[] = [];
  const doc = parseHtml(html);
  if (!doc) return undefined;
  checkDeadlineNow();
  const metadata = readHtmlMetadata(doc.document);
  const content = findContentElement(doc)?.element;
  const headline = findHeadline(doc, content, metadata);
  const raw = htmlLines(doc, content);
  checkDeadlineNow();
  const published = findPublishedDate(html, raw, headline, content, metadata);
  if (!content) warnings.push("body: no article element found; the body is the whole page text");

  const lines = raw.map((l) => ({ ...l, text: normalise(l.text) })).filter((l) => l.text.length > 0);
  const inContent = (l: HtmlLine) => !content || (l.element >= content.index && l.element <= content.last);
  const title = headline ? normalise(headline.text) : null;

  const first = lines.findIndex(inContent);
  let bodyLines = first < 0 ? [] : articleLines(lines.slice(first).filter(inContent), title);
  if (bodyLines.length === 0 && first >= 0) bodyLines = lines.filter(inContent).map((l) => l.text);

  const preamble = lines
    .slice(0, Math.max(first, 0))
    .filter((l) => l.linkLength <= LINK_LINE_RATIO * l.length)
    .map((l) => l.text)
    .filter((t) => !isNavBullet(t) && !isDroppedLine(t) && !isToolLine(t) && !isFooterLine(t))
    .slice(-MAX_PREAMBLE_LINES);

  const byline = readByline(bylineLines(lines, headline, content).map((l) => l.text));
  const meta: PageMeta = {
    title,
    publishedDate: published?.date ?? null,
    siteName: siteName(metadata, lines, normalise),
    origin: byline.origin ?? metaOrigin(metadata, normalise),
    url: pageUrl(metadata),
    columnName: clean(firstMeta(metadata, ["columnname", "og:category", "category"]), normalise),
    extra: byline.extra,
  };
  // Metadata dates are the CMS's own word; script data, relative dates and modification dates are guesses.
  if (published && UNSURE_DATE_SOURCES[published.source])
    warnings.push(`publishedDate: no date line on the page; taken from ${UNSURE_DATE_SOURCES[published.source]}`);
  return { lines: [...preamble, ...bodyLines], bodyLines, meta, warnings };
}

/**
 * The article element's lines, without what opens it but is not the article
 * (the headline repeated, the byline, a relative date line) and without what
 * closes it but is not the article (print bars, 上一篇, footers).
 */
function articleLines(lines: HtmlLine[], title: string | null): string[] {
  const titleKey = title ? compact(title) : "";
  let start = 0;
  while (start < lines.length) {
    const text = (lines[start] as HtmlLine).text;
    const key = compact(text);
    const line = lines[start] as HtmlLine;
    const echoesTitle = titleKey.length > 0 && key.length >= 2 && titleKey.includes(key);
    // A two-character label or a short lone link atop the article is a widget (xinhuanet-1: 图集), not its first line.
    const widget = line.length <= MAX_LABEL || (line.length <= MAX_WIDGET_LINK && line.linkLength === line.length);
    // a breadcrumb inside the article element (golden page yungaisi-town-minutes-table) opens it, too
    if (!echoesTitle && !widget && !isArticleOpener(text) && !isDroppedLine(text)) break;
    start++;
  }
  let end = start;
  while (end < lines.length && !endsArticle((lines[end] as HtmlLine).text)) end++;
  const kept = lines.slice(start, end);
  return kept.filter((line, i) => !isDroppedLine(line.text) && !inLinkList(kept, i)).map((l) => l.text);
}

/**
 * Related-article lists embedded in the article element (163-2) are runs of
 * lines that are nothing but links. A single link line stays: it may be the
 * article's own (people-1 opens with 点击进入“文艺星青年”>>), and so do
 * attachment links, which government pages list under their minutes.
 */
function inLinkList(lines: HtmlLine[], i: number): boolean {
  const linkOnly = (j: number) => {
    const line = lines[j];
    return (
      !!line &&
      line.length >= MIN_LINK_LINE &&
      line.linkLength >= LINK_ONLY_RATIO * line.length &&
      !ATTACHMENT.test(line.text)
    );
  };
  return linkOnly(i) && (linkOnly(i - 1) || linkOnly(i + 1));
}

function siteName(metadata: HtmlMetadata, lines: { text: string }[], normalise: (t: string) => string): string | null {
  const fromMeta = firstMeta(metadata, ["sitename", "og:site_name", "application-name", "twitter:site"]);
  if (fromMeta) return clean(fromMeta, normalise);
  const copyright = firstMeta(metadata, ["copyright"]);
  const owner = copyright ? siteNameFromCopyright(normalise(copyright)) : null;
  if (owner) return owner;
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = (lines[i] as { text: string }).text;
    if (!isFooterLine(text)) continue;
    const fromFooter = siteNameFromCopyright(text);
    if (fromFooter) return fromFooter;
  }
  return null;
}

/** ContentSource meta, or people.com.cn's "来源:人民网-文化频道 原创稿". */
function metaOrigin(metadata: HtmlMetadata, normalise: (t: string) => string): string | null {
  const value = firstMeta(metadata, ["contentsource", "source", "og:source", "mediaid"]);
  if (!value) return null;
  return clean(normalise(value).replace(/^(来源|稿源)\s*:\s*/, ""), normalise);
}

/** canonical link, og:url, or a CMS url meta — absolute addresses only (shanxi-1's Url is "./t20190918_693227.shtml"). */
function pageUrl(metadata: HtmlMetadata): string | null {
  for (const candidate of [metadata.canonical, firstMeta(metadata, ["og:url"]), firstMeta(metadata, ["url"])]) {
    if (candidate && /^https?:\/\//i.test(candidate.trim())) return candidate.trim();
  }
  return null;
}

function clean(value: string | null, normalise: (t: string) => string): string | null {
  const text = value ? normalise(value).trim() : "";
  return text.length > 0 ? text : null;
}
