/**
 * Removes parenthesised pinyin readings that directly follow a Han character,
 * e.g. 區(qū), 項(xiàng), 擴(kuò)大 — taught by seed 003, a page run through a
 * "show pronunciation" widget. Only readings carrying a tone mark or ü count,
 * so real parentheses such as 世界贸易组织(WTO) or (扩大) survive.
 *
 * A scan, not a regex: "one or more syllables" written as a regex
 * (`(?:zh|…)?[aeiou…]+(?:ng|n|r)?`, repeated) splits a run of vowels in
 * exponentially many ways, and 王(ā followed by 30 × a and no ")" took 100 s.
 * Here each character is looked at a bounded number of times.
 */

const TONED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
const VOWELS = new Set(`aeiouv${TONED_VOWELS}`);
const CONSONANTS = new Set("bcdfghjklmnpqrstwxyz");
const TONED = new Set(TONED_VOWELS);
/** What may open a syllable, and what may close one (the nasal and erhua endings). */
const INITIAL_CLUSTERS = new Set(["zh", "ch", "sh"]);
const FINALS = ["", "n", "ng", "r"] as const;
const HAN = /\p{Script=Han}/u;

function isInitial(cluster: string): boolean {
  return cluster === "" || (cluster.length === 1 && CONSONANTS.has(cluster)) || INITIAL_CLUSTERS.has(cluster);
}

/**
 * Whether a run of letters is one or more pinyin syllables, each an optional
 * initial, vowels and an optional final: between two vowel runs the
 * consonants must be a final followed by an initial.
 */
function isSyllables(word: string): boolean {
  let i = 0;
  let head = true;
  while (i < word.length) {
    const clusterStart = i;
    while (i < word.length && CONSONANTS.has(word[i] as string)) i++;
    const cluster = word.slice(clusterStart, i);
    const vowelStart = i;
    while (i < word.length && VOWELS.has(word[i] as string)) i++;
    if (i === vowelStart) {
      // consonants at the end of the word: a final of the last syllable, or nothing
      return !head && (FINALS as readonly string[]).includes(cluster);
    }
    if (head) {
      if (!isInitial(cluster)) return false;
    } else if (!FINALS.some((f) => cluster.startsWith(f) && isInitial(cluster.slice(f.length)))) return false;
    head = false;
  }
  return !head;
}

/** Space-separated syllable runs, one space at most between them (and one after the last), with a tone mark or ü. */
function isReading(content: string): boolean {
  const words = content.split(" ");
  if (words[words.length - 1] === "" && words.length > 1) words.pop();
  if (!words.every(isSyllables)) return false;
  for (const ch of content) if (TONED.has(ch)) return true;
  return false;
}

/** The end (index after ")") of the reading opening at `open`, or -1 when none opens there. */
function readingEnd(lower: string, open: number): number {
  let i = open + 1;
  while (i < lower.length && (VOWELS.has(lower[i] as string) || CONSONANTS.has(lower[i] as string) || lower[i] === " "))
    i++;
  if (lower[i] !== ")" || !isReading(lower.slice(open + 1, i))) return -1;
  return i + 1;
}

export function removePinyinDebris(text: string): string {
  if (!text.includes("(")) return text;
  // Letters compare case-insensitively; lower-casing maps each of them one to one.
  const lower = text.replace(/[A-ZĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜ]+/g, (m) => m.toLowerCase());
  const pieces: string[] = [];
  let kept = 0;
  for (let open = lower.indexOf("("); open >= 0; open = lower.indexOf("(", open + 1)) {
    if (open === 0 || open < kept) continue;
    const before = text.codePointAt(open - 1 - (isLowSurrogate(text.charCodeAt(open - 1)) ? 1 : 0)) ?? 0;
    if (!HAN.test(String.fromCodePoint(before))) continue;
    let end = open;
    for (let next = readingEnd(lower, end); next > 0; next = readingEnd(lower, end)) end = next;
    if (end === open) continue;
    pieces.push(text.slice(kept, open));
    kept = end;
    open = end - 1;
  }
  if (kept === 0) return text;
  pieces.push(text.slice(kept));
  return pieces.join("");
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
