import { PAGE_DATE_LABELS } from "./lexicon/date-labels";
import { findDates } from "./parse-date";

/**
 * Whether a line is a byline: a date with little else (2019-09-26 10:09:11,
 * 2020年10月10日 星期六) or a line of byline words (来源, 作者, 编辑, 记者,
 * 浏览 counters, 字号 switches). Lines that merely contain a date — an
 * article's first sentence, govcn-1's
 * （2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过） — are not.
 */

/** Byline labels, at the start of the line or of a label:value pair. */
const BYLINE_LABELS = new RegExp(
  `(^|\\s)(来源|稿源|出处|作者|文|编辑|责任编辑|责编|记者|通讯员|摄影|浏览|浏览次数|阅读|阅读量|点击|点击数|字号|发布|${PAGE_DATE_LABELS.join("|")})\\s*[::]`,
);
/**
 * A reporter's byline on its own line: 记者 张三 报道, 本报记者 李四 王五,
 * (通讯员 赵六). Short and without sentence punctuation, so a paragraph that
 * opens 本报讯(记者 X)… is not one.
 */
const REPORTER_LINE =
  /^[(（]?\s*(?:本报|本台|本网|本刊|新华社|融媒体)?(?:特约|见习)?(?:记者|通讯员)\s*[:：]?\s*\S[^。,，;；!?！？]{0,28}$/;
const REPORTER_LINE_MAX_LENGTH = 32;
const COUNTERS = /(浏览|阅读|点击)\s*(次数|量)?\s*[::]?\s*\d+|\d+\s*(次浏览|人阅读|阅读)/;
/** Dates and times removed before measuring what else a line says. */
const DATE_AND_TIME = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(:\d{2})?/g;
const TIME_OF_DAY = /(?<!\d)\d{1,2}:\d{2}(?!\d)/;
/** What may stand on a date line besides the date: a weekday, a site name. */
const MAX_REST = 12;
/** Bylines are short; a paragraph that names its source is not a byline. */
const MAX_BYLINE_LENGTH = 80;

export function isBylineShaped(line: string): boolean {
  return hasBylineLabel(line) || isDateLine(line);
}

/** 来源:…, 作者:…, 浏览次数:12 — a line carrying byline labels or counters. */
export function hasBylineLabel(line: string): boolean {
  if (line.length <= REPORTER_LINE_MAX_LENGTH && REPORTER_LINE.test(line)) return true;
  return line.length <= MAX_BYLINE_LENGTH && (BYLINE_LABELS.test(line) || COUNTERS.test(line));
}

/** A line that is a date (and maybe a time, a weekday, a site name) and nothing more. */
export function isDateLine(line: string): boolean {
  if (line.length > MAX_BYLINE_LENGTH || findDates(line).length === 0) return false;
  const rest = line.replace(DATE_AND_TIME, "").replace(/[\s\p{P}\p{S}\d]/gu, "");
  return rest.length <= MAX_REST;
}

/** A time of day: a date line with one is a timestamp, not the dateline of a speech or a letter. */
export function hasTimeOfDay(line: string): boolean {
  return TIME_OF_DAY.test(line);
}
