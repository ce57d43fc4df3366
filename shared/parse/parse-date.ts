import { parseChineseNumber } from "./chinese-numeral";

/**
 * Dates as Chinese pages write them, to ISO YYYY-MM-DD. Pages are dated in
 * China time, so instants (epoch seconds, ISO strings with a zone) are read
 * in UTC+8: 2019-09-07T20:00:00Z is already the 8th in Beijing.
 */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const MIN_YEAR = 1949;

/**
 * The latest year a page's date may have: next year, for a notice of a
 * meeting to come. Later years are typos or template junk (2099-12-31 as a
 * "no expiry" date), never when a page was published or a meeting held.
 */
function maxYear(): number {
  return new Date().getUTCFullYear() + 1;
}

/**
 * A full date with year: 2022-01-28, 2022/1/28, 2007.08.20, 2022年1月28日,
 * 2022 年 1 月 28 日. Not preceded or followed by more digits, so ids and
 * phone numbers do not count.
 */
const NUMERIC_DATE = /(?<!\d)(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?/g;
/**
 * The same written in Chinese numerals, as 成文日期 often are: 二〇二二年一月二十七日.
 * The zero is typed as 〇, 零, ○ (golden page meitan-party-committee-minutes-han-date),
 * Ｏ or ０ — which NFKC turns into Latin O and 0.
 */
export const HAN_DATE =
  /([〇零○ＯO０0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/g;
/** Dates the page states relative to when it was rendered (wechat-1 shows only 昨天). */
const RELATIVE_DATE = /(刚刚|今天|昨天|前天|(\d{1,3})\s*(分钟|小时|天)前)/;

export interface FoundDate {
  iso: string;
  /** offset of the match in the searched text */
  index: number;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > maxYear() || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Every full date in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) found.push({ iso, index: m.index ?? 0 });
  }
  for (const m of text.matchAll(HAN_DATE)) {
    const [year, month, day] = [m[1], m[2], m[3]].map((part) => parseChineseNumber(part ?? "") ?? 0);
    const iso = isoDate(year ?? 0, month ?? 0, day ?? 0);
    if (iso) found.push({ iso, index: m.index ?? 0 });
  }
  return found.sort((a, b) => a.index - b.index);
}

export function firstDate(text: string): string | null {
  return findDates(text)[0]?.iso ?? null;
}

/**
 * A metadata value: an ISO instant with a zone (article:published_time
 * 2019-09-07T13:43:45+08:00, readhub's 2019-09-07T00:31:40.109Z), epoch
 * seconds or milliseconds, or any date findDates reads (PubDate 2016-11-22
 * 09:53, firstpublishedtime 2007-08-20-23:59:59).
 */
export function parseDateValue(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{10}$|^\d{13}$/.test(trimmed)) return chinaDate(Number(trimmed) * (trimmed.length === 10 ? 1000 : 1));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const ms = Date.parse(trimmed);
    if (!Number.isNaN(ms)) return chinaDate(ms);
  }
  return firstDate(trimmed);
}

/** The calendar date in China of an instant. */
function chinaDate(epochMs: number): string | null {
  if (!Number.isFinite(epochMs)) return null;
  const d = new Date(epochMs + CHINA_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return null;
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 昨天 / 3天前 / 5小时前 resolved against the moment the page was rendered; null when the text holds none. */
export function resolveRelativeDate(text: string, renderedAtMs: number): string | null {
  const m = RELATIVE_DATE.exec(text);
  if (!m) return null;
  const day = 24 * 3600 * 1000;
  let offset = 0;
  if (m[1] === "昨天") offset = day;
  else if (m[1] === "前天") offset = 2 * day;
  else if (m[2]) offset = Number(m[2]) * (m[3] === "天" ? day : m[3] === "小时" ? 3600 * 1000 : 60 * 1000);
  return chinaDate(renderedAtMs - offset);
}

export function hasRelativeDate(text: string): boolean {
  return RELATIVE_DATE.test(text);
}
