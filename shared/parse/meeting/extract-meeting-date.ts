import type { TimeOfDay } from "../../record/record-schema";
import { parseChineseNumber } from "../chinese-numeral";
import { HAN_DATE, isoDate } from "../parse-date";

/**
 * The meeting's date and time of day from the sentence that reports it:
 * 2022年1月26日下午 (seed 000). News often leaves the year out (10月9日下午,
 * seed 002); then the year is the publication year — or the one before when
 * the month/day would fall after publication (a 12月30日 meeting published on
 * 2 January) — and the guess is flagged.
 */

const DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(上午|下午|晚上|晚间|晚|早上|早晨|傍晚)?/;

/** Formal minutes write the date in Chinese numerals (二〇二三年三月十五日); DATE reads digits. */
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

/** Reads the first date in `sentences` (in order); `publishedDate` (YYYY-MM-DD) supplies a missing year. */
export function extractMeetingDate(sentences: readonly string[], publishedDate: string | null): MeetingDate {
  for (const sentence of sentences) {
    const m = DATE.exec(withArabicDates(sentence));
    if (!m) continue;
    const month = Number(m[2]);
    const day = Number(m[3]);
    const timeOfDay = m[4] ? (TIME_OF_DAY[m[4]] ?? null) : null;
    if (m[1]) {
      const date = isoDate(Number(m[1]), month, day);
      return {
        date,
        dateInferred: false,
        timeOfDay,
        warnings: date ? [] : [`meeting.date: impossible date "${m[0]}"`],
      };
    }
    if (!publishedDate) {
      return {
        date: null,
        dateInferred: false,
        timeOfDay,
        warnings: ["meeting.date: no year in the text and no publishedDate"],
      };
    }
    const publishedYear = Number(publishedDate.slice(0, 4));
    let date = isoDate(publishedYear, month, day);
    let warning = "meeting.date: year inferred from publishedDate";
    if (date && date > publishedDate) {
      date = isoDate(publishedYear - 1, month, day);
      warning = "meeting.date: year inferred from publishedDate (previous year: month/day falls after publication)";
    }
    return { date, dateInferred: date !== null, timeOfDay, warnings: [warning] };
  }
  return { date: null, dateInferred: false, timeOfDay: null, warnings: [] };
}
