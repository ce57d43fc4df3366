import { PAGE_DATE_LABELS } from "./lexicon/date-labels";

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
  // LABEL needs a colon: most lines have none, and the scan tries a label at every Han character
  if (!line.includes(":")) return [];
  return splitAtLabels(line, LABEL);
}

/**
 * A line cut at every match of `label` (a global pattern whose first
 * participating group is the label): each value runs to the next label.
 * The disclosure block and the minutes' role lines use their own lexicons.
 */
export function splitAtLabels(line: string, label: RegExp): LabelledValue[] {
  const matches = [...line.matchAll(label)];
  return matches.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? line.length;
    const name = m.slice(1).find((group) => group !== undefined) ?? "";
    return { label: name.replace(/\s+/g, ""), value: line.slice(start, end).trim() };
  });
}

/** Labels of the page's publication date. */
export const DATE_LABELS = new RegExp(`^(?:${PAGE_DATE_LABELS.join("|")})$`);
/** Labels of the page's source (来源 line). */
export const ORIGIN_LABELS = /^(来源|稿源|文章来源|信息来源|新闻来源|出处)$/;
