import { Buffer, isUtf8 } from "node:buffer";
import { decodeText } from "./decode-text";

/**
 * Decode step: raw bytes → text, or a reason the bytes are not a page.
 * Declarations (BOM, <meta charset>, the object's Content-Type) are only
 * hints: the bytes have the last word. Corpus pages people-1 and hexun-1
 * declare gb2312 but are UTF-8; a page is not what its header says.
 */

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: string;
      warnings: string[];
      /** the bytes `text` decodes, when they are valid UTF-8 (detect-script.ts counts there: faster than in characters) */
      utf8?: Uint8Array | undefined;
    }
  | { ok: false; code: "empty" | "binary" | "undecodable"; message: string };

/** File signatures of formats that are never pages (the first bytes of the file). */
const MAGIC_NUMBERS: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: "PDF", bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { name: "PNG", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: "GIF", bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { name: "JPEG", bytes: [0xff, 0xd8, 0xff] },
  { name: "ZIP", bytes: [0x50, 0x4b, 0x03, 0x04] }, // also docx/xlsx
  { name: "gzip", bytes: [0x1f, 0x8b] },
  { name: "OLE2 (doc/xls)", bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: "RAR", bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: "7z", bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: "WebP/RIFF", bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: "ELF", bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** How much of a large page the charset sniffing and the binary test look at. */
const SNIFF_BYTES = 256 * 1024;
/** Declarations live in the head; browsers look at the first 1024 bytes, CMS pages push it further. */
const DECLARATION_BYTES = 8 * 1024;
/** Share of C0 control bytes (other than tab, newline, CR, FF, ESC) above which bytes are not text. */
const MAX_CONTROL_RATIO = 0.05;
/** Share of characters a decoding may damage (U+FFFD) before we call the page undecodable. */
const MAX_REPLACEMENT_RATIO = 0.02;

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const CONTENT_TYPE_CHARSET = /charset\s*=\s*["']?\s*([\w.:-]+)/i;

export interface DecodeHints {
  /** the object's Content-Type, e.g. "text/html; charset=gbk" */
  contentType?: string | undefined;
}

export function decodePage(bytes: Uint8Array, hints: DecodeHints = {}): DecodeResult {
  if (isBlank(bytes))
    return { ok: false, code: "empty", message: "the page has no content (zero bytes or only whitespace)" };

  const bom = byteOrderMark(bytes);
  if (bom) {
    const rest = bytes.subarray(bom.length);
    const { text, utf8 } = decodeText(rest, bom.encoding);
    if (text.trim() === "") return { ok: false, code: "empty", message: "the page has only a byte-order mark" };
    if (fitsByteOrderMark(bom.encoding, rest, text))
      return {
        ok: true,
        text,
        encoding: bom.encoding,
        warnings: damageWarnings(countReplacements(text), bom.encoding),
        utf8,
      };
    // A mark in front of other bytes (a UTF-8 include pasted above a GBK page): the bytes have the last word.
    const decoded = decodeUnmarked(rest, hints);
    if (decoded.ok && decoded.encoding !== bom.encoding)
      decoded.warnings.push(
        `source.encoding: a ${bom.encoding} byte-order mark stands before ${decoded.encoding} bytes`,
      );
    return decoded;
  }
  return decodeUnmarked(bytes, hints);
}

/** Share of ASCII characters (markup, digits, line breaks) above which UTF-16 text is real: 8-bit bytes read as UTF-16 give almost none. */
const MIN_UTF16_ASCII_RATIO = 0.1;

/**
 * Whether the bytes after a byte-order mark are what it says: valid UTF-8
 * after a UTF-8 mark; after a UTF-16 one, text that decodes without damage
 * and holds markup or Chinese (other bytes read as UTF-16 give rare Han and
 * Hangul, and no ASCII).
 */
function fitsByteOrderMark(encoding: string, rest: Uint8Array, text: string): boolean {
  if (encoding === "utf-8") return isValidUtf8(rest.subarray(0, SNIFF_BYTES));
  const sample = text.slice(0, SNIFF_BYTES / 2);
  if (heavilyDamaged(countReplacements(sample), sample.length)) return false;
  let ascii = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) < 0x80) ascii++;
  return ascii >= MIN_UTF16_ASCII_RATIO * sample.length || plausibility(sample) >= 0;
}

function decodeUnmarked(bytes: Uint8Array, hints: DecodeHints): DecodeResult {
  const magic = MAGIC_NUMBERS.find((m) => m.bytes.every((b, i) => bytes[i] === b));
  if (magic) return { ok: false, code: "binary", message: `the bytes are a ${magic.name} file, not a page` };
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (looksBinary(sample))
    return { ok: false, code: "binary", message: "the bytes contain NUL or control characters, not text" };

  const declared = declaredCharset(bytes, hints.contentType);
  const chosen = chooseCharset(bytes, sample, declared?.encoding);
  if (!chosen)
    return { ok: false, code: "undecodable", message: "no supported charset (utf-8, gb18030, big5) decodes the bytes" };

  const warnings: string[] = [];
  const { text, utf8 } = decodeText(bytes, chosen.encoding);
  const damaged = countReplacements(text);
  if (heavilyDamaged(damaged, text.length))
    return { ok: false, code: "undecodable", message: `decoding as ${chosen.encoding} damages ${damaged} characters` };
  warnings.push(...damageWarnings(damaged, chosen.encoding));
  if (declared && declared.encoding !== chosen.encoding && hasNonAscii(sample))
    warnings.push(`source.encoding: ${declared.where} declares ${declared.label} but the bytes are ${chosen.encoding}`);
  return { ok: true, text, encoding: chosen.encoding, warnings, utf8 };
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b) return false;
  }
  return true;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Four bytes at a time: a word with no byte below 0x20 (the usual case) needs no look at its bytes. */
function looksBinary(sample: Uint8Array): boolean {
  if (sample.length < 8) {
    const control = controlBytes(sample, 0, sample.length);
    return control < 0 || control > MAX_CONTROL_RATIO * sample.length;
  }
  const head = (4 - (sample.byteOffset & 3)) & 3;
  const words = new Uint32Array(sample.buffer, sample.byteOffset + head, (sample.length - head) >>> 2);
  let control = controlBytes(sample, 0, head);
  if (control < 0) return true;
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as number;
    // non-zero exactly when some byte of the word is below 0x20 (bit-twiddling "has byte less than n")
    if (((word - 0x20202020) & ~word & 0x80808080) === 0) continue;
    const found = controlBytes(sample, head + 4 * w, head + 4 * w + 4);
    if (found < 0) return true;
    control += found;
  }
  const found = controlBytes(sample, head + 4 * words.length, sample.length);
  if (found < 0) return true;
  return control + found > MAX_CONTROL_RATIO * sample.length;
}

/** C0 control bytes (other than tab, newline, CR, FF, ESC) in bytes[from, to); -1 at a NUL. */
function controlBytes(bytes: Uint8Array, from: number, to: number): number {
  let control = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b >= 0x20) continue;
    if (b === 0) return -1;
    if (b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control;
}

interface Declaration {
  /** the WHATWG encoding name the label resolves to */
  encoding: string;
  label: string;
  where: "<meta>" | "Content-Type";
}

function declaredCharset(bytes: Uint8Array, contentType: string | undefined): Declaration | undefined {
  const head = latin1(bytes.subarray(0, DECLARATION_BYTES));
  const fromMeta = META_CHARSET.exec(head)?.[1];
  const fromHeader = contentType ? CONTENT_TYPE_CHARSET.exec(contentType)?.[1] : undefined;
  for (const [label, where] of [
    [fromMeta, "<meta>"],
    [fromHeader, "Content-Type"],
  ] as const) {
    if (!label) continue;
    const encoding = resolveLabel(label);
    if (encoding) return { encoding, label: label.toLowerCase(), where };
  }
  return undefined;
}

/**
 * One character per byte, for the ASCII patterns above. Buffer's latin1 rather
 * than TextDecoder("latin1") (which is windows-1252 and goes through ICU):
 * the two differ only in 0x80–0x9F, which no pattern here matches.
 */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** gb2312/gbk/x-gbk are all read as gb18030, their superset; utf-16 cannot be declared from inside ASCII bytes. */
function resolveLabel(label: string): string | undefined {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    if (encoding === "gbk") return "gb18030";
    if (encoding.startsWith("utf-16")) return undefined;
    return encoding;
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** buffer.isUtf8 is strict, so a multi-byte character cut at the end of the sample (or of a truncated page) is left out. */
function isValidUtf8(sample: Uint8Array): boolean {
  return isUtf8(sample.subarray(0, completeLength(sample)));
}

/** The length of `bytes` without a trailing incomplete UTF-8 sequence. */
function completeLength(bytes: Uint8Array): number {
  let continuation = 0;
  while (continuation < 3 && continuation < bytes.length) {
    const b = bytes[bytes.length - 1 - continuation] as number;
    if ((b & 0xc0) !== 0x80) break;
    continuation++;
  }
  const leadAt = bytes.length - 1 - continuation;
  const lead = bytes[leadAt];
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return bytes.length;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  return needed > continuation + 1 ? leadAt : bytes.length;
}

/**
 * UTF-8 is self-validating: real GB18030 or Big5 text is practically never
 * valid UTF-8, so valid UTF-8 wins over any declaration. Otherwise each
 * candidate decodes the sample and the most plausible Chinese wins.
 */
function chooseCharset(
  bytes: Uint8Array,
  sample: Uint8Array,
  declared: string | undefined,
): { encoding: string } | undefined {
  if (!hasNonAscii(sample) && !hasNonAscii(bytes.subarray(sample.length))) {
    // Pure ASCII reads the same in every ASCII-compatible charset; keep a sane declaration.
    return { encoding: declared && isAsciiCompatible(declared) ? declared : "utf-8" };
  }
  if (isValidUtf8(sample)) return { encoding: "utf-8" };

  const candidates = new Set<string>();
  if (declared && isAsciiCompatible(declared)) candidates.add(declared);
  for (const c of ["utf-8", "gb18030", "big5"]) candidates.add(c);
  let best: { encoding: string; score: number } | undefined;
  for (const encoding of candidates) {
    const score = plausibility(new TextDecoder(encoding).decode(sample));
    // A declaration wins ties: it is the page's own word.
    if (!best || score > best.score) best = { encoding, score };
  }
  return best && best.score > 0 ? best : undefined;
}

function isAsciiCompatible(encoding: string): boolean {
  return !encoding.startsWith("utf-16") && encoding !== "replacement";
}

let commonHan: Set<string> | undefined;

/**
 * The characters frequent enough to be expected in any Chinese page: GB2312
 * level 1 (the 3755 commonest simplified characters) and Big5's "frequently
 * used" block (5401 traditional ones). A wrong charset turns text into rare
 * characters, so their share tells the right decoding apart. Built from the
 * decoders themselves, once, on the first page that needs it.
 */
function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  const set = new Set<string>();
  const gb = new TextDecoder("gb18030");
  for (let lead = 0xb0; lead <= 0xd7; lead++)
    for (let trail = 0xa1; trail <= 0xfe; trail++) set.add(gb.decode(new Uint8Array([lead, trail])));
  const big5 = new TextDecoder("big5");
  for (let lead = 0xa4; lead <= 0xc6; lead++)
    for (const trail of [...range(0x40, 0x7e), ...range(0xa1, 0xfe)])
      set.add(big5.decode(new Uint8Array([lead, trail])));
  set.delete("\ufffd");
  commonHan = set;
  return set;
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}

/** Common Han characters and ordinary text count for a decoding; damage and rare characters count against it. */
function plausibility(text: string): number {
  const common = commonHanCharacters();
  let score = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    if (code === 0xfffd) score -= 20;
    else if (common.has(ch)) score += 2;
    else if (
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0xff00 && code <= 0xffef) ||
      (code >= 0x2010 && code <= 0x206f)
    )
      score += 1;
    else score -= 1;
  }
  return score;
}

/** More damage than a cut or a few bad bytes cause: the wrong charset. */
function heavilyDamaged(damaged: number, length: number): boolean {
  return damaged > MAX_REPLACEMENT_RATIO * Math.max(length, 1) && damaged > 16;
}

/** A page cut inside a character, or a few bad bytes, decodes with some damage: it is read, and the damage is named. */
function damageWarnings(damaged: number, encoding: string): string[] {
  return damaged > 0 ? [`source.encoding: ${damaged} byte sequences are not valid ${encoding}`] : [];
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) n++;
  return n;
}
