import { createRequire } from "node:module";
import { detectScript, type Script } from "./detect-script";

/**
 * record.md's text normalisation, applied to every line the page stage
 * emits: NFKC, traditional → simplified, pinyin annotation debris removed,
 * runs of spaces collapsed. Spaces *inside* names are kept here: only the
 * meeting stage knows where a name is expected (曹  雷 → 曹 雷, joined there).
 */

export { detectScript, type Script };

/**
 * Zero-width characters NFKC keeps but no reader sees; CMS editors paste them
 * between characters of names and labels.
 */
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

const TONED_VOWEL = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
/** One pinyin syllable: optional initial, vowels (toned or not), optional nasal/erhua ending. */
const PINYIN_SYLLABLE = `(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv${TONED_VOWEL}]+(?:ng|n|r)?`;
/**
 * A parenthesised pinyin reading that directly follows a Han character, e.g.
 * 區(qū), 項(xiàng), 擴(kuò)大 — taught by seed 003, a page run through a
 * "show pronunciation" widget. Only runs carrying a tone mark or ü count, so
 * real parentheses such as 世界贸易组织(WTO) or (扩大) survive.
 */
const PINYIN_DEBRIS = new RegExp(
  `(?<=\\p{Script=Han})(?:\\((?=[^)]*[${TONED_VOWEL}])(?:${PINYIN_SYLLABLE} ?)+\\))+`,
  "giu",
);

/** Horizontal whitespace NFKC leaves as-is (tabs) plus ordinary spaces. */
const SPACE_RUN = /[ \t\f\v]+/g;

type Converter = (text: string) => string;
let toSimplified: Converter | undefined;

/**
 * Built on first traditional page only: the dictionary costs ~30 ms and ~100 kB,
 * which most (simplified) invocations never need. createRequire keeps the call
 * synchronous; opencc-js ships a CommonJS build for the `require` condition.
 */
function traditionalToSimplified(): Converter {
  if (!toSimplified) {
    const require = createRequire(import.meta.url);
    const opencc = require("opencc-js/t2cn") as { Converter: (options: { from: string; to: string }) => Converter };
    toSimplified = opencc.Converter({ from: "t", to: "cn" });
  }
  return toSimplified;
}

export function normaliseText(text: string, script: Script): string {
  let out = text.replace(INVISIBLES, "").normalize("NFKC");
  if (script === "traditional") out = traditionalToSimplified()(out).normalize("NFKC");
  out = out.replace(PINYIN_DEBRIS, "");
  return out
    .split("\n")
    .map((line) => line.replace(SPACE_RUN, " ").trim())
    .join("\n");
}
