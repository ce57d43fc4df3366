import { hasBylineLabel, hasTimeOfDay, isBylineShaped, isDateLine } from "./byline";
import { DATE_LABELS, labelledValues, ORIGIN_LABELS } from "./labelled-values";
import { DISCLOSURE_LABEL_WORDS } from "./lexicon/disclosure-labels";
import { parseDateValue } from "./parse-date";

/**
 * What a byline says about the page: its date, its 来源, and any other
 * labelled value (a reposting site's 发布开发区, 作者, 所属分类) that is the
 * page's, not the meeting's — those go to meta.extra for the meeting stage
 * to ignore deliberately.
 */
export interface BylineFacts {
  publishedDate: string | null;
  origin: string | null;
  extra: Record<string, string>;
}

/** Labels that belong to the 政府信息公开 block: the meeting stage reads those, so they are not byline extras. */
const DISCLOSURE_LABELS = new Set(DISCLOSURE_LABEL_WORDS);
const isDisclosureLabel = (label: string) =>
  DISCLOSURE_LABELS.has(label) && !DATE_LABELS.test(label) && !ORIGIN_LABELS.test(label);

/** Byline counters and switches, not facts: 浏览次数, 点击数, 字号. */
const WIDGET_LABELS = /浏览|点击|阅读|字号|字体|次数|分享|打印|评论/;
/** Where a value runs into a widget: 123 【字号:大 中 小】. */
const WIDGET_START = /[【|[]/;

export function readByline(lines: readonly string[]): BylineFacts {
  const facts: BylineFacts = { publishedDate: null, origin: null, extra: {} };
  for (const line of lines) {
    const pairs = labelledValues(line);
    const isByline = pairs.some((p) => DATE_LABELS.test(p.label) || ORIGIN_LABELS.test(p.label));
    if (!isByline || pairs.some((p) => isDisclosureLabel(p.label))) continue;
    for (const { label, value } of pairs) {
      if (DATE_LABELS.test(label)) facts.publishedDate ??= parseDateValue(value);
      else if (ORIGIN_LABELS.test(label)) facts.origin ??= originName(value);
      else if (!WIDGET_LABELS.test(label)) {
        const kept = value.split(WIDGET_START)[0]?.trim() ?? "";
        if (kept && !(label in facts.extra)) facts.extra[label] = kept;
      }
    }
  }
  return facts;
}

/**
 * An outlet or unit, written as one word: 县融媒体中心, 自治区人民政府办公厅.
 * A byline that lost the line break after it runs on into the article
 * (来源:县融媒体中心8月15日下午,受县长…), so the name ends at the first
 * clause mark, and a longer run is text, not a name.
 */
const ORIGIN_END = /[\s,，。;；!！?？]/u;
const MAX_ORIGIN_LENGTH = 30;

/** The first word of a 来源 value, if it names something (sxmu-1 prints "来源: |"). */
function originName(value: string): string | null {
  const first = value.split(ORIGIN_END)[0] ?? "";
  return /\p{L}/u.test(first) && first.length <= MAX_ORIGIN_LENGTH ? first : null;
}

/** A line that introduces the article rather than being part of it: a date line, a 来源/作者 line, a 字号 bar. */
export function isHeaderLine(line: string): boolean {
  return isBylineShaped(line) || RELATIVE_DATE_ONLY.test(line) || DOCUMENT_NUMBER_ONLY.test(line);
}

/**
 * A line opening an article element that is not article text: a byline, a
 * timestamp, a relative date. A bare date stays — inside the article it is
 * the dateline of a speech or letter (cmse-1 opens with 2012年6月24日).
 */
export function isArticleOpener(line: string): boolean {
  return hasBylineLabel(line) || (isDateLine(line) && hasTimeOfDay(line)) || RELATIVE_DATE_ONLY.test(line);
}

/** A date line that only says how long ago (readhub-1: 昨天). */
const RELATIVE_DATE_ONLY = /^(刚刚|今天|昨天|前天|\d{1,3}\s*(分钟|小时|天)前)(\s*\d{1,2}:\d{2})?$/;
/** The document number printed under a minutes headline: 〔2022〕第1期 (seed 000), 常政发〔2022〕1号. */
const DOCUMENT_NUMBER_ONLY = /^\S{0,8}[〔[(]\d{4}[〕\])]\s*第?\s*\d{1,4}\s*[期号]$/;
