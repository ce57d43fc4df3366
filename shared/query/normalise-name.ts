import { BadParameterError } from "../errors";

/** Zero-width characters NFKC keeps but nobody types on purpose. */
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const WHITESPACE = /\s+/gu;

/**
 * Brings a name typed by a caller to the form record.md stores: NFKC (so
 * full-width letters match) and no whitespace inside (`曹  雷` is stored as
 * `曹雷`). Traditional characters are not converted: callers query in the
 * simplified script the records use.
 */
export function normaliseName(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLES, "").replace(WHITESPACE, "");
}

/** Longer than any personal name, short enough to keep a partition key small. */
export const MAX_PERSON_NAME_LENGTH = 64;

/** A person's name from a caller, normalised, or a 400 naming `parameter`. */
export function parsePersonName(raw: string, parameter: string): string {
  const name = normaliseName(raw);
  if (name === "") throw new BadParameterError(parameter, "must be a person's name");
  if ([...name].length > MAX_PERSON_NAME_LENGTH) {
    throw new BadParameterError(parameter, `must be at most ${MAX_PERSON_NAME_LENGTH} characters`);
  }
  return name;
}
