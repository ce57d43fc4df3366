import { BadParameterError } from "../errors";
import { normaliseText } from "../parse/normalise-text";

/** Zero-width characters NFKC keeps but nobody types on purpose. */
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const WHITESPACE = /\s+/gu;
/** NUL and other control characters: never in a name, and unsafe in a partition key or a log line. */
const CONTROL = /\p{Cc}/u;

/**
 * Characters t2cn would rewrite although simplified names use them as they
 * are: 乾 is both the traditional form of 干 and the simplified qián of 李乾.
 * Checked over the parser's surname list and common given-name characters,
 * where t2cn changes only 於, 鍾 (traditional forms) and 乾.
 */
const SIMPLIFIED_AS_IS = /(乾)/u;

/**
 * Brings a name typed by a caller to the form record.md stores: NFKC (so
 * full-width letters match), simplified script (潘冬鈴 is stored as 潘冬铃,
 * as traditional pages are converted) and no whitespace inside (`曹  雷` is
 * stored as `曹雷`).
 */
export function normaliseName(text: string): string {
  const compact = text.normalize("NFKC").replace(INVISIBLES, "").replace(WHITESPACE, "");
  return compact
    .split(SIMPLIFIED_AS_IS)
    .map((part) => (SIMPLIFIED_AS_IS.test(part) ? part : normaliseText(part, "traditional")))
    .join("");
}

/** Longer than any personal name, short enough to keep a partition key small. */
export const MAX_PERSON_NAME_LENGTH = 64;
/** What a caller may send before normalisation: room for spaces, invisibles and decomposed forms. */
const MAX_RAW_NAME_LENGTH = 4 * MAX_PERSON_NAME_LENGTH;

/** A person's name from a caller, normalised, or a 400 naming `parameter`. */
export function parsePersonName(raw: string, parameter: string): string {
  // bounded before normalising: no normaliser sees an input longer than this
  if (raw.length > MAX_RAW_NAME_LENGTH) {
    throw new BadParameterError(parameter, `must be at most ${MAX_PERSON_NAME_LENGTH} characters`);
  }
  if (CONTROL.test(raw)) throw new BadParameterError(parameter, "must not contain control characters");
  const name = normaliseName(raw);
  if (name === "") throw new BadParameterError(parameter, "must be a person's name");
  if ([...name].length > MAX_PERSON_NAME_LENGTH) {
    throw new BadParameterError(parameter, `must be at most ${MAX_PERSON_NAME_LENGTH} characters`);
  }
  return name;
}
