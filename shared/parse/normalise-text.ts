import * as OpenCC from "opencc-js/t2cn";
import type { Script } from "./detect-script";
import { checkDeadline } from "./parse-deadline";
import { removePinyinDebris } from "./pinyin-debris";

/**
 * record.md's text normalisation, applied to every line the page stage
 * emits: NFKC, traditional → simplified, pinyin annotation debris removed,
 * runs of spaces collapsed. Spaces *inside* names are kept here: only the
 * meeting stage knows where a name is expected (曹  雷 → 曹 雷, joined there).
 */

/**
 * Zero-width characters NFKC keeps but no reader sees; CMS editors paste them
 * between characters of names and labels.
 */
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** Horizontal whitespace NFKC leaves as-is (tabs) plus ordinary spaces. */
const SPACE_RUN = /[ \t\f\v]+/g;

type Converter = (text: string) => string;
let toSimplified: Converter | undefined;

/**
 * The converter is built on the first traditional page only: building its
 * dictionary costs ~55 ms, which simplified pages (most of them) never pay.
 * The t2cn data itself (~110 kB) is a static import, so esbuild bundles it
 * into the Lambda and nothing is resolved from node_modules at run time.
 */
function traditionalToSimplified(): Converter {
  toSimplified ??= OpenCC.Converter({ from: "t", to: "cn" });
  return toSimplified;
}

export function normaliseText(text: string, script: Script): string {
  checkDeadline();
  let out = text.replace(INVISIBLES, "").normalize("NFKC");
  if (script === "traditional") out = traditionalToSimplified()(out).normalize("NFKC");
  out = removePinyinDebris(out);
  // most calls are one line: no split, map and join
  if (!out.includes("\n")) return out.replace(SPACE_RUN, " ").trim();
  return out
    .split("\n")
    .map((line) => line.replace(SPACE_RUN, " ").trim())
    .join("\n");
}
