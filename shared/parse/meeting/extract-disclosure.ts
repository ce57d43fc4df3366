import type { Disclosure } from "../../record/record-schema";
import { splitAtLabels } from "../labelled-values";
import { firstDate } from "../parse-date";
import { spacedAlternation } from "../regex-alternation";

/**
 * The 政府信息公开 metadata block that government portals print above a
 * document. Variants met so far: labels spaced to a common width (索 引 号,
 * seeds 000/001), several fields on one line (主题分类: 机关事务 体裁分类: …,
 * seed 001), values on the next line, empty values (文件编号: 发布机构: 政府办,
 * seed 001), and different sites' synonyms for the same field.
 */

type DisclosureField = keyof Disclosure | "title";

/**
 * Label synonyms per field; taught by seeds 000/001 and the 政府信息公开
 * guidelines' common variants. 所属机构 / 所属主题 are the Hanweb (大汉) CMS's
 * names for the publisher and the topic (golden page gulou-fuzhou-executive-minutes).
 */
const FIELD_LABELS: Record<DisclosureField, readonly string[]> = {
  indexNumber: ["索引号", "索取号"],
  topic: ["主题分类", "信息分类", "所属主题"],
  genre: ["体裁分类", "文种分类", "文种"],
  category: ["组配分类"],
  openness: ["公开方式", "公开形式", "公开属性"],
  documentNumber: ["文件编号", "发文字号", "文号", "发文编号"],
  publisher: ["发布机构", "发文机构", "发布单位", "发文单位", "所属机构"],
  createdDate: ["产生日期", "成文日期", "发文日期", "生成日期"],
  publishedDate: ["发布日期", "公开日期"],
  validity: ["废止日期", "有效性", "时效性", "有效期"],
  summary: ["内容概述", "内容摘要", "摘要"],
  title: ["信息名称", "标题", "名称"],
};

/** Labels that share the block but have no record field; known so they end the value before them. */
const OTHER_LABELS = ["信息来源", "主题词", "关键词", "公开范围", "公开时限", "服务对象", "备注"];

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

const labelToField = new Map<string, DisclosureField | null>();
for (const [field, labels] of Object.entries(FIELD_LABELS) as [DisclosureField, readonly string[]][]) {
  for (const label of labels) labelToField.set(label, field);
}
for (const label of OTHER_LABELS) labelToField.set(label, null);

const LABEL_PATTERN = spacedAlternation([...labelToField.keys()]);
const LONG_LABELS = spacedAlternation([...labelToField.keys()].filter((l) => l.length > 2));
const SHORT_LABELS = spacedAlternation([...labelToField.keys()].filter((l) => l.length <= 2));
/**
 * A label and its colon — long labels may follow the previous value without
 * a space (第1期发布机构:), two-character ones (文号, 名称) must not be the
 * tail of a longer word — or a label standing alone between spaces, as the
 * page stage renders a 政府信息公开 table row: "索引号 014119467/2022-00235".
 */
const LABEL = new RegExp(
  `(?:(${LONG_LABELS})|(?<!\\p{Script=Han})(${SHORT_LABELS}))\\s*[:：]|(?<=^|[\\s•·])(${LABEL_PATTERN})(?=\\s|$)`,
  "gu",
);
const STARTS_WITH_LABEL = new RegExp(`^[•·\\s]*(?:${LABEL_PATTERN})\\s*(?:[:：]|\\s|$)`, "u");

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
      if (next !== undefined && !STARTS_WITH_LABEL.test(next)) {
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
    } else {
      disclosure[field] = value;
    }
  }
  return { disclosure, title, warnings };
}
