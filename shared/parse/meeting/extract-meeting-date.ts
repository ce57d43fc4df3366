import type { TimeOfDay } from "../../record/record-schema";
import { parseChineseNumber } from "../chinese-numeral";
import { HAN_DATE, isoDate } from "../parse-date";

/**
 * The meeting's date and time of day from the sentence that reports it:
 * 2022年1月26日下午 (seed 000). News often leaves out the year (10月9日下午,
 * seed 002), the month too (27日下午), or writes the day relative to the
 * page (今天上午, 昨天下午). What is missing comes from the page's
 * publication date — a 12月30日 meeting published on 2 January is last
 * year's, a 27日 meeting published on the 3rd last month's — and the guess
 * is flagged. Without a publication date, a year in the meeting's own name
 * (自治区政府2026年第1次常务会议) is the last resort.
 */

const TIME = "(上午|下午|晚上|晚间|晚|早上|早晨|傍晚)?";
const FULL_DATE = new RegExp(`(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]\\s*${TIME}`, "u");
/** A day without its month: 27日下午. Not a month's day (5月27日), not 3号楼: 号 only with a time of day. */
const DAY_ONLY =
  /(?<![\d月年./-])(\d{1,2})\s*(?:日\s*(上午|下午|晚上|晚间|晚|早上|早晨|傍晚)?|号\s*(上午|下午|晚上|晚间|晚|早上|早晨|傍晚))/u;
const RELATIVE_DAY = new RegExp(`(今天|今日|昨天|昨日|前天)\\s*${TIME}`, "u");
/** Digits run together where 年 and 月 were lost: 2020929日, 1030日 — a date, but not a readable one. */
const MALFORMED = new RegExp(`(?<![\\d.])(\\d{3,8})\\s*日\\s*${TIME}`, "u");
const YEAR_IN_NAME = /(?<!\d)(\d{4})\s*年/;
const RELATIVE_OFFSET: Record<string, number> = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };

/** Formal minutes write the date in Chinese numerals (二〇二三年三月十五日); the patterns read digits. */
function withArabicDates(text: string): string {
  return text.replace(HAN_DATE, (whole, y: string, m: string, d: string) => {
    const [year, month, day] = [y, m, d].map(parseChineseNumber);
    return year && month && day ? `${year}年${month}月${day}日` : whole;
  });
}

const TIME_OF_DAY: Record<string, TimeOfDay> = {
  上午: "上午",
  早上: "上午",
  早晨: "上午",
  下午: "下午",
  傍晚: "晚上",
  晚上: "晚上",
  晚间: "晚上",
  晚: "晚上",
};

export interface MeetingDate {
  date: string | null;
  dateInferred: boolean;
  timeOfDay: TimeOfDay | null;
  warnings: string[];
}

type Found =
  | { kind: "full"; at: number; year: number | null; month: number; day: number; time?: string; text: string }
  | { kind: "day"; at: number; day: number; time?: string }
  | { kind: "relative"; at: number; daysBefore: number; time?: string }
  | { kind: "malformed"; at: number; time?: string; text: string };

/** The earliest date expression of the sentence, of whichever form. */
function firstDateIn(sentence: string): Found | null {
  const text = withArabicDates(sentence);
  const found: Found[] = [];
  const full = FULL_DATE.exec(text);
  if (full) {
    found.push({
      kind: "full",
      at: full.index,
      year: full[1] ? Number(full[1]) : null,
      month: Number(full[2]),
      day: Number(full[3]),
      time: full[4],
      text: full[0],
    });
  }
  const malformed = MALFORMED.exec(text);
  if (malformed) found.push({ kind: "malformed", at: malformed.index, time: malformed[2], text: malformed[0] });
  const day = DAY_ONLY.exec(text);
  if (day) found.push({ kind: "day", at: day.index, day: Number(day[1]), time: day[2] ?? day[3] });
  const relative = RELATIVE_DAY.exec(text);
  if (relative)
    found.push({
      kind: "relative",
      at: relative.index,
      daysBefore: RELATIVE_OFFSET[relative[1] as string] ?? 0,
      time: relative[2],
    });
  // At one place the longer form wins: 5月27日 is a full date, not the day 27日.
  return found.sort((a, b) => a.at - b.at || rank(a) - rank(b))[0] ?? null;
}

function rank(found: Found): number {
  return ["full", "malformed", "relative", "day"].indexOf(found.kind);
}

/**
 * Reads the first date in `sentences` (in order); `publishedDate` (YYYY-MM-DD)
 * supplies what the text leaves out, `meetingName` a year when nothing else does.
 */
export function extractMeetingDate(
  sentences: readonly string[],
  publishedDate: string | null,
  meetingName: string | null = null,
): MeetingDate {
  for (const sentence of sentences) {
    const found = firstDateIn(sentence);
    if (found) return resolve(found, publishedDate, meetingName);
  }
  return { date: null, dateInferred: false, timeOfDay: null, warnings: [] };
}

function resolve(found: Found, publishedDate: string | null, meetingName: string | null): MeetingDate {
  const timeOfDay = found.time ? (TIME_OF_DAY[found.time] ?? null) : null;
  const result = (date: string | null, dateInferred: boolean, warnings: string[]): MeetingDate => ({
    date,
    dateInferred: date !== null && dateInferred,
    timeOfDay,
    warnings,
  });

  if (found.kind === "malformed") return result(null, false, [`meeting.date: unreadable date "${found.text.trim()}"`]);
  if (found.kind === "full" && found.year !== null) {
    const date = isoDate(found.year, found.month, found.day);
    return result(date, false, date ? [] : [`meeting.date: impossible date "${found.text.trim()}"`]);
  }
  if (!publishedDate) {
    const nameYear = meetingName ? YEAR_IN_NAME.exec(meetingName)?.[1] : undefined;
    if (found.kind === "full" && nameYear) {
      const date = isoDate(Number(nameYear), found.month, found.day);
      return result(date, true, ["meeting.date: year taken from the meeting's name"]);
    }
    return result(null, false, ["meeting.date: no year in the text and no publishedDate"]);
  }

  const [pubYear, pubMonth, pubDay] = publishedDate.split("-").map(Number) as [number, number, number];
  if (found.kind === "relative") {
    const d = new Date(Date.UTC(pubYear, pubMonth - 1, pubDay - found.daysBefore));
    const date = isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return result(date, true, ["meeting.date: relative day resolved against publishedDate"]);
  }
  if (found.kind === "day") {
    // 27日 published on the 3rd is last month's 27th.
    const [year, month] =
      found.day <= pubDay ? [pubYear, pubMonth] : pubMonth === 1 ? [pubYear - 1, 12] : [pubYear, pubMonth - 1];
    const date = isoDate(year, month, found.day);
    return result(date, true, ["meeting.date: month and year inferred from publishedDate"]);
  }
  let date = isoDate(pubYear, found.month, found.day);
  let warning = "meeting.date: year inferred from publishedDate";
  if (date && date > publishedDate) {
    date = isoDate(pubYear - 1, found.month, found.day);
    warning = "meeting.date: year inferred from publishedDate (previous year: month/day falls after publication)";
  }
  return result(date, true, [warning]);
}
