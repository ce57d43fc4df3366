import type { PersonRef } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import { isPlausibleName, startsWithSurname } from "./person-name";

/**
 * Splits the value of a 出席 / 列席 / 参加人员 line into people.
 *
 * Minutes separate names with 、 or , (seed 000) or only with runs of spaces
 * (seed 001), and pad two-character names to three columns (曹  雷, 赵   钢).
 * After normalisation those runs are single spaces, so the split cannot rely
 * on how many spaces there were: a lone character is half of a padded name
 * and is joined with its neighbour. Notes in parentheses stay with their
 * name: 包建芬(区人大代表).
 */

/** Explicit separators between names. */
const SEPARATOR = /[、,，;；]/;
const OPEN_PAREN = /[(（]/;
const CLOSE_PAREN = /[)）]/;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/** Words that trail a list without being part of the last name: 王五等, 李四同志. */
const TRAILING_WORDS = /(?:等同志|同志|等人|等)$/;

interface Token {
  text: string;
  note: string | null;
}

/** Chunks between explicit separators, each a list of space-separated tokens with their notes. */
function tokenize(value: string): Token[][] {
  const chunks: Token[][] = [[]];
  let current: Token = { text: "", note: null };
  const chunk = (): Token[] => chunks[chunks.length - 1] as Token[];
  const flush = () => {
    if (current.text) chunk().push(current);
    else if (current.note) {
      // a note after padding (刘  理 (区政协委员)) belongs to the token before it
      const previous = chunk()[chunk().length - 1];
      if (previous && !previous.note) previous.note = current.note;
    }
    current = { text: "", note: null };
  };
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    checkDeadline();
    const ch = chars[i] as string;
    if (OPEN_PAREN.test(ch)) {
      let depth = 1;
      let note = "";
      for (i++; i < chars.length; i++) {
        const inner = chars[i] as string;
        if (OPEN_PAREN.test(inner)) depth++;
        else if (CLOSE_PAREN.test(inner) && --depth === 0) break;
        note += inner;
      }
      current.note = note.trim() || null;
      continue;
    }
    if (SEPARATOR.test(ch)) {
      flush();
      chunks.push([]);
      continue;
    }
    if (/\s/.test(ch)) {
      flush();
      continue;
    }
    if (current.note !== null) flush(); // text straight after a note starts the next name
    current.text += ch;
  }
  flush();
  return chunks.filter((c) => c.length > 0);
}

/** Groups one chunk's tokens into names, joining the halves of padded names. */
function groupChunk(tokens: Token[], guesses: string[]): PersonRef[] {
  const out: PersonRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const text = token.text.replace(TRAILING_WORDS, "") || token.text;
    if ([...text].length !== 1) {
      out.push({ name: text, note: token.note });
      continue;
    }
    const next = tokens[i + 1];
    if (next && [...next.text].length === 1) {
      // 曹 雷 → 曹雷
      out.push({ name: text + next.text, note: token.note ?? next.note });
      i++;
      continue;
    }
    const previous = out[out.length - 1];
    if (previous && previous.note === null && restoresLostSeparator(previous.name)) {
      guesses.push(`separator restored in "${previous.name} ${text}"`);
      // 王小伟谢 剑 → 王小伟, 谢剑: the separator before a padded name was lost
      const chars = [...previous.name];
      const surname = chars.pop() as string;
      previous.name = chars.join("");
      out.push({ name: surname + text, note: token.note });
      continue;
    }
    if (next && [...next.text].length >= 3 && isPlausibleName([...next.text].slice(1).join(""))) {
      guesses.push(`separator restored in "${text} ${next.text}"`);
      // 曹 雷王行杰 → 曹雷, 王行杰: the same lost separator, after the padded name
      const chars = [...next.text];
      out.push({ name: text + chars.shift(), note: token.note });
      out.push({ name: chars.join(""), note: next.note });
      i++;
      continue;
    }
    out.push({ name: text, note: token.note });
  }
  return out;
}

/** A 4–5 character run whose last character is a surname, so it is likely a name plus half of the next. */
function restoresLostSeparator(name: string): boolean {
  const chars = [...name];
  if (chars.length < 4) return false;
  const head = chars.slice(0, -1).join("");
  return isPlausibleName(head) && startsWithSurname(chars[chars.length - 1] as string) && head.length <= 4;
}

/** Splits a run of names glued together without separators (王小伟谢剑) when it reads as two names. */
function splitGluedNames(person: PersonRef, guesses: string[]): PersonRef[] {
  const chars = [...person.name];
  if (chars.length <= 4) return [person];
  for (const cut of [3, 2, 4]) {
    const head = chars.slice(0, cut).join("");
    const tail = chars.slice(cut).join("");
    if (isPlausibleName(head) && isPlausibleName(tail)) {
      guesses.push(`split "${person.name}" into ${head}, ${tail}`);
      return [
        { name: head, note: null },
        { name: tail, note: person.note },
      ];
    }
  }
  return [person];
}

/** `guesses`, when given, collects a note for each name boundary that was guessed rather than written. */
export function splitNameList(value: string, guesses: string[] = []): PersonRef[] {
  const people = tokenize(value)
    .flatMap((chunk) => groupChunk(chunk, guesses))
    .flatMap((person) => splitGluedNames(person, guesses));
  return people.filter((p) => HAN_ONLY.test(p.name) && [...p.name].length >= 2 && [...p.name].length <= 4);
}
