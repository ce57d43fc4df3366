/**
 * The seam inside the parser: the page stage (decode → detect format →
 * extract text blocks → normalise → page metadata) produces a PageText; the
 * meeting stage (disclosure, meeting, agenda, people, region, kind) reads only
 * a PageText. Neither knows about AWS.
 */
export interface PageText {
  format: "html" | "text";
  /** charset of the raw bytes: "utf-8", "gb18030", "big5", … */
  encoding: string;
  /** script of the original page, decided before conversion to simplified */
  script: "simplified" | "traditional";
  /**
   * Every meaningful line of the page in reading order, boilerplate removed
   * (navigation, breadcrumbs, 上一条/下一条, print links, footers, share/QR
   * widgets), each normalised: NFKC, simplified script, pinyin debris removed,
   * runs of spaces collapsed to one (spaces inside names are kept here: the
   * meeting stage joins padded names where it knows a name is expected).
   * Includes the 政府信息公开 block and the headline when the page has them.
   */
  lines: string[];
  /** The article's main text, as lines (a contiguous part of `lines`, no headline, no byline/date line). */
  bodyLines: string[];
  meta: PageMeta;
  /** what the page stage was unsure of, e.g. "source.encoding: declared gb2312 but bytes are utf-8" */
  warnings: string[];
}

export interface PageMeta {
  title: string | null;
  publishedDate: string | null;
  siteName: string | null;
  /** the 来源 line */
  origin: string | null;
  /** canonical link / og:url / meta url, when the page states it */
  url: string | null;
  columnName: string | null;
  /**
   * Labelled values from the page header that are not the meeting's own,
   * e.g. a reposting site's 发布开发区 — kept so the meeting stage can ignore
   * them deliberately rather than mistaking them for the meeting's region.
   */
  extra: Record<string, string>;
}
