/**
 * Splits a header line of "label:value" pairs, as bylines and reposting
 * sites print them: 发布时间:2020-10-10 来源:金坛手机台 发布开发区:江苏金坛经济开发区
 * (seed 002). Works on normalised text, where the colon is ASCII.
 */

export interface LabelledValue {
  /** the label with inner spaces removed: 索 引 号 → 索引号 */
  label: string;
  value: string;
}

/** A label: 2–6 Han characters (spaces allowed between them) at the line start or after a space, then a colon. */
const LABEL = /(?:^|(?<=\s))((?:\p{Script=Han}\s*){1,5}\p{Script=Han})\s*:\s*/gu;

export function labelledValues(line: string): LabelledValue[] {
  const matches = [...line.matchAll(LABEL)];
  const out: LabelledValue[] = [];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const next = matches[i + 1];
    const end = next ? (next.index ?? line.length) : line.length;
    out.push({ label: (m[1] ?? "").replace(/\s+/g, ""), value: line.slice(start, end).trim() });
  });
  return out;
}

/** Labels of the page's publication date. */
export const DATE_LABELS = /^(发布时间|发布日期|发表时间|发表日期|更新时间|时间|日期)$/;
/** Labels of the page's source (来源 line). */
export const ORIGIN_LABELS = /^(来源|稿源|文章来源|信息来源|新闻来源|出处)$/;
