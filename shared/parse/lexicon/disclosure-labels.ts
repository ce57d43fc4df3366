import type { Disclosure } from "../../record/record-schema";
import { spacedAlternation } from "../regex-alternation";

/**
 * The labels of the 政府信息公开 block, shared by the page stage (which must
 * know a block line from a paragraph, colon or not) and the meeting stage
 * (which reads the values). One list, so the two cannot drift apart.
 */

export type DisclosureField = keyof Disclosure | "title";

/**
 * Label synonyms per field, from the 政府信息公开 guidelines' common variants.
 * 所属机构 / 所属主题 are the Hanweb (大汉) CMS's names for the publisher and
 * the topic. 发文日期 is the day a document went out, so the page's
 * publication date; 成文日期 is the day it was signed (record.md).
 */
export const DISCLOSURE_FIELD_LABELS: Record<DisclosureField, readonly string[]> = {
  indexNumber: ["索引号", "信息索引号", "索取号"],
  topic: ["主题分类", "信息分类", "所属主题"],
  genre: ["体裁分类", "文种分类", "文种"],
  category: ["组配分类"],
  openness: ["公开方式", "公开形式", "公开属性"],
  documentNumber: ["文件编号", "发文字号", "文号", "发文编号"],
  publisher: ["发布机构", "发文机构", "发布单位", "发文单位", "所属机构"],
  createdDate: ["产生日期", "成文日期", "生成日期", "形成日期"],
  publishedDate: ["发布日期", "公开日期", "发文日期"],
  validity: ["废止日期", "有效性", "时效性", "有效期"],
  summary: ["内容概述", "内容摘要", "摘要"],
  title: ["信息名称", "标题", "名称"],
};

/** Labels that share the block but have no record field; known so they end the value before them. */
export const DISCLOSURE_OTHER_LABELS: readonly string[] = [
  "信息来源",
  "主题词",
  "关键词",
  "公开范围",
  "公开时限",
  "服务对象",
  "备注",
];

export const DISCLOSURE_LABEL_WORDS: readonly string[] = [
  ...Object.values(DISCLOSURE_FIELD_LABELS).flat(),
  ...DISCLOSURE_OTHER_LABELS,
];

/**
 * Labels that mark a line as part of the block even without a colon
 * (索引号 11330283002979996P/2021-112711 组配分类 常务会议): the long, unambiguous
 * ones. 标题, 名称, 文号, 摘要 are ordinary words and need their colon.
 */
const BLOCK_WORDS = DISCLOSURE_LABEL_WORDS.filter((l) => l.length >= 3 && l !== "信息来源");
/**
 * A block line: it opens with a block label — bare, after a bullet, or as
 * the second half of a compound label (备注/文号) — followed by a colon, a
 * space or the line's end.
 */
const BLOCK_LINE = new RegExp(
  `^[•·\\s]*(?:\\p{Script=Han}{1,4}/(?:${spacedAlternation(DISCLOSURE_LABEL_WORDS)})|${spacedAlternation(BLOCK_WORDS)})\\s*(?:[:：]|\\s|$)`,
  "u",
);

/** Whether a line belongs to a 政府信息公开 block (colon or not), so it is neither a headline nor a paragraph. */
export function isDisclosureLine(line: string): boolean {
  return BLOCK_LINE.test(line);
}
