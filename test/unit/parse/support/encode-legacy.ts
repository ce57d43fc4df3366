/**
 * Encodes text as GB18030 (two-byte range) or Big5 for decoder tests, by
 * inverting Node's own decoders: Node ships no encoder for either.
 */
const tables = new Map<string, Map<string, number[]>>();

function table(encoding: "gb18030" | "big5"): Map<string, number[]> {
  const cached = tables.get(encoding);
  if (cached) return cached;
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder(encoding);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  tables.set(encoding, map);
  return map;
}

export function encodeLegacy(text: string, encoding: "gb18030" | "big5"): Uint8Array {
  const map = table(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else {
      const bytes = map.get(ch);
      if (!bytes) throw new Error(`${encoding} cannot encode ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
