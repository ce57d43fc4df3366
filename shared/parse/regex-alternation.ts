/**
 * Lexicons become regex alternations longest first, so 出席会议人员 wins over
 * 出席 and 常务副市长 over 副市长 where both would match at the same place.
 */

function longestFirst(words: readonly string[]): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}

export function alternation(words: readonly string[]): string {
  return longestFirst(words).join("|");
}

/** Labels as pages pad them to a common width (索 引 号, 主    持): any spacing between characters. */
export function spacedAlternation(labels: readonly string[]): string {
  return longestFirst(labels)
    .map((label) => [...label].join("\\s*"))
    .join("|");
}
