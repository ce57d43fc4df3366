import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectScript, SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from "../../../shared/parse/detect-script";
import { goldenPages } from "../../quality/golden-pages";

/** The UTF-8 bytes of `text`, `shift` bytes into a larger buffer, so every alignment of the word reads is met. */
function utf8At(text: string, shift: number): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  const buffer = new Uint8Array(encoded.length + shift + 3);
  buffer.set(encoded, shift);
  return buffer.subarray(shift, shift + encoded.length);
}

/** Characters that are not telling: ASCII, 2-, 3- and 4-byte UTF-8, Han next to the telling ones. */
const NOISE = ["<p>", " ", "a", "é", "€", "中", "丂", "鿿", "ꀀ", "，", "𠀀", "😀", "\ufffd"];

describe("detectScript on the page's UTF-8 bytes", () => {
  it("calls the same script as on its characters, whatever the mix and the alignment", () => {
    const character = fc.oneof(
      fc.constantFrom(...TRADITIONAL_ONLY),
      fc.constantFrom(...SIMPLIFIED_ONLY),
      fc.constantFrom(...NOISE),
    );
    fc.assert(
      fc.property(fc.array(character, { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (chars, shift) => {
        const text = chars.join("");
        expect(detectScript(text, utf8At(text, shift))).toBe(detectScript(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts every telling character: three traditional to two simplified is traditional, one fewer is not", () => {
    const [t1, t2, t3] = [...TRADITIONAL_ONLY];
    const [s1, s2] = [...SIMPLIFIED_ONLY];
    const traditional = `<p>${t1}abcd${s1}${t2}é${s2}𠀀${t3}</p>`;
    expect(detectScript(traditional, utf8At(traditional, 1))).toBe("traditional");
    const short = traditional.replace(t3 as string, "");
    expect(detectScript(short, utf8At(short, 1))).toBe("simplified");
  });

  it("calls the same script as on its characters on every golden page", () => {
    for (const page of goldenPages()) {
      const text = readFileSync(page.path, "utf8");
      expect(detectScript(text, utf8At(text, 0)), page.slug).toBe(detectScript(text));
    }
  });
});
