/**
 * Reads the numbers minutes use for sequences and agenda items: Arabic digits
 * (第25次) and Chinese numerals up to the thousands (第三次, 十一、, 二十五,
 * 一百零二). Returns null for anything else, so callers can skip non-numbers.
 */

/**
 * The zero is also typed as ○ (二○二三年, golden page meitan-party-committee-minutes-han-date)
 * or as Ｏ/０, which NFKC turns into Latin O and 0.
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  "○": 0,
  O: 0,
  "0": 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral may contain, for building patterns. */
export const CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千";

export function parseChineseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!trimmed || ![...trimmed].every((ch) => ch in DIGITS || ch in UNITS)) return null;
  let total = 0;
  let pending: number | null = null;
  for (const ch of trimmed) {
    const unit = UNITS[ch];
    if (unit !== undefined) {
      total += (pending ?? 1) * unit; // 十一 → 1×10 + 1
      pending = null;
      continue;
    }
    const digit = DIGITS[ch] as number;
    if (pending !== null && pending !== 0)
      pending = pending * 10 + digit; // 二五 written digit by digit
    else pending = digit;
  }
  return total + (pending ?? 0);
}
