import type { Disclosure } from "../../record/record-schema";
import { splitAtLabels } from "../labelled-values";
import { DISCLOSURE_FIELD_LABELS, DISCLOSURE_OTHER_LABELS, type DisclosureField } from "../lexicon/disclosure-labels";
import { firstDate } from "../parse-date";
import { spacedAlternation } from "../regex-alternation";

/**
 * The 政府信息公开 metadata block that government portals print above a
 * document. Variants met so far: labels spaced to a common width (索 引 号,
 * seeds 000/001), several fields on one line (主题分类: 机关事务 体裁分类: …,
 * seed 001), values on the next line, empty values (文件编号: 发布机构: 政府办,
 * seed 001), and different sites' synonyms for the same field.
 */

/** Fields whose presence alone says "this is a disclosure block" (a news byline has 发布日期 too). */
const BLOCK_FIELDS: readonly DisclosureField[] = [
  "indexNumber",
  "topic",
  "genre",
  "category",
  "openness",
  "documentNumber",
  "publisher",
  "createdDate",
  "validity",
];

const DATE_FIELDS = new Set<DisclosureField>(["createdDate", "publishedDate"]);
/**
 * Every field but the summary is a code, a name or a date: a value longer
 * than this is article text run into a label (索引号:2月28日,县召开…), not the field.
 */
const MAX_FIELD_LENGTH = 100;

const labelToField = new Map<string, DisclosureField | null>();
for (const [field, labels] of Object.entries(DISCLOSURE_FIELD_LABELS) as [DisclosureField, readonly string[]][]) {
  for (const label of labels) labelToField.set(label, field);
}
for (const label of DISCLOSURE_OTHER_LABELS) labelToField.set(label, null);

const LABEL_PATTERN = spacedAlternation([...labelToField.keys()]);
const LONG_LABELS = spacedAlternation([...labelToField.keys()].filter((l) => l.length > 2));
const SHORT_LABELS = spacedAlternation([...labelToField.keys()].filter((l) => l.length <= 2));
/**
 * A label and its colon — long labels may follow the previous value without
 * a space (第1期发布机构:), two-character ones (文号, 名称) must not be the
 * tail of a longer word — or a label standing alone between spaces, as the
 * page stage renders a 政府信息公开 table row: "索引号 014119467/2022-00235".
 * A compound label (备注/文号) reads as its last part.
 */
const LABEL = new RegExp(
  `(?:(${LONG_LABELS})|(?<!\\p{Script=Han})(${SHORT_LABELS}))\\s*[:：]|(?<=^|[\\s•·/])(${LABEL_PATTERN})(?=\\s|$)`,
  "gu",
);
const STARTS_WITH_LABEL = new RegExp(`^[•·\\s]*(?:\\p{Script=Han}{1,4}/)?(?:${LABEL_PATTERN})\\s*(?:[:：]|\\s|$)`, "u");
/** A list item: in a bulleted block (• 发布机构: / • 【字体:), an empty value is empty, not on the next line. */
const BULLET = /^[•·●]/;

export interface DisclosureResult {
  disclosure: Disclosure | null;
  /** the 信息名称 / 标题 value, a better title than the HTML <title> when present */
  title: string | null;
  warnings: string[];
}

function emptyDisclosure(): Disclosure {
  return {
    indexNumber: null,
    topic: null,
    genre: null,
    category: null,
    openness: null,
    documentNumber: null,
    publisher: null,
    createdDate: null,
    publishedDate: null,
    validity: null,
    summary: null,
  };
}

export function extractDisclosure(lines: readonly string[]): DisclosureResult {
  const found = new Map<DisclosureField, string | null>();
  const warnings: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!STARTS_WITH_LABEL.test(line)) continue;
    // 文件编号:〔2022〕第1期 发布机构:政府办 → two pairs
    const pairs = splitAtLabels(line, LABEL);
    const last = pairs[pairs.length - 1];
    if (pairs.length === 1 && last && last.value === "") {
      // the value sits on the next line when the label stands alone
      const next = lines[i + 1];
      if (next !== undefined && !STARTS_WITH_LABEL.test(next) && !BULLET.test(line.trim()) && !BULLET.test(next)) {
        last.value = next.trim();
        i++;
      }
    }
    for (const { label, value } of pairs) {
      const field = labelToField.get(label);
      if (!field || found.has(field)) continue;
      found.set(field, value === "" ? null : value);
    }
  }

  const title = found.get("title") ?? null;
  if (!found.has("indexNumber") && BLOCK_FIELDS.filter((f) => found.has(f)).length < 2) {
    return { disclosure: null, title: null, warnings };
  }

  const disclosure = emptyDisclosure();
  for (const [field, value] of found) {
    if (field === "title") continue;
    if (DATE_FIELDS.has(field) && value !== null) {
      // 2023-10-16, or 二〇二三年十月十日 (golden page meitan-party-committee-minutes-han-date)
      const iso = firstDate(value);
      if (!iso) warnings.push(`disclosure.${field}: unreadable date "${value}"`);
      disclosure[field] = iso;
    } else if (value !== null && field !== "summary" && value.length > MAX_FIELD_LENGTH) {
      warnings.push(`disclosure.${field}: a value of ${value.length} characters is text, not the field; left out`);
    } else {
      disclosure[field] = value;
    }
  }
  return { disclosure, title, warnings };
}
