import { readFileSync } from "node:fs";
import { parsePage } from "../../shared/parse/parse-page";
import type { MeetingRecord } from "../../shared/record/record-schema";
import type { GoldenPage } from "./golden-pages";
import { familyOf, scoreField, shownField } from "./score-field";

/** Every golden page parsed and scored field by field, and the sums score.mjs prints. */

export interface FieldScore {
  key: string;
  want: unknown;
  score: number;
  /** What the record holds, when the score is below 1. */
  have?: unknown;
}

export interface PageScore {
  page: GoldenPage;
  record: MeetingRecord | null;
  /** Why there is no record: the parser's rejection. */
  rejection: string | null;
  fields: FieldScore[];
}

export interface Tally {
  sum: number;
  n: number;
}

export function parseGolden(page: GoldenPage): { record: MeetingRecord | null; rejection: string | null } {
  const outcome = parsePage(readFileSync(page.path), { uri: `file://${page.path}`, contentType: page.contentType });
  return outcome.ok
    ? { record: outcome.record, rejection: null }
    : { record: null, rejection: `${outcome.rejection.code}: ${outcome.rejection.message}` };
}

export function scorePage(page: GoldenPage): PageScore {
  const { record, rejection } = parseGolden(page);
  const fields = Object.entries(page.expected).map(([key, want]) => {
    const score = record ? scoreField(key, want, record) : 0;
    return score < 1 && record ? { key, want, score, have: shownField(key, record) } : { key, want, score };
  });
  return { page, record, rejection, fields };
}

export const percent = (t: Tally): number => (100 * t.sum) / Math.max(t.n, 1);

export function tally(pages: readonly PageScore[]): { total: Tally; families: Map<string, Tally> } {
  const total: Tally = { sum: 0, n: 0 };
  const families = new Map<string, Tally>();
  for (const { fields } of pages) {
    for (const { key, score } of fields) {
      const family = families.get(familyOf(key)) ?? { sum: 0, n: 0 };
      family.sum += score;
      family.n += 1;
      families.set(familyOf(key), family);
      total.sum += score;
      total.n += 1;
    }
  }
  return { total, families: new Map([...families].sort(([a], [b]) => a.localeCompare(b))) };
}

/** The family lines and the closing line, as score.mjs prints them. */
export function scoreLines(pages: readonly PageScore[]): string[] {
  const { total, families } = tally(pages);
  return [
    ...[...families].map(([name, t]) => `  ${name}\t${percent(t).toFixed(1)}% of ${t.n}`),
    `score: ${percent(total).toFixed(1)}% over ${pages.length} pages, ${total.n} checks`,
  ];
}

export function pageLine(result: PageScore, verbose: boolean): string {
  const n = result.fields.length;
  const sum = result.fields.reduce((s, f) => s + f.score, 0);
  const status = result.rejection ? `REJECTED ${result.rejection.slice(0, 120)}` : "";
  const misses = result.fields.filter((f) => f.score < 1).map((f) => `${f.key}=${f.score.toFixed(2)}`);
  return `${result.page.slug}\t${((100 * sum) / Math.max(n, 1)).toFixed(1)}%\t${status}${verbose && misses.length ? ` misses: ${misses.join(" ")}` : ""}`;
}
