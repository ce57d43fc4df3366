import { detectScript } from "../../../../shared/parse/detect-script";
import { normaliseText } from "../../../../shared/parse/normalise-text";
import type { PageText } from "../../../../shared/parse/page-text";

/**
 * Test helper: a PageText from plain text lines, normalised the way the page
 * stage does, for synthetic fixtures. Every non-empty line is both a line and
 * a body line unless `body` says where the body starts and ends.
 */
export function pageFromText(
  text: string,
  meta: Partial<PageText["meta"]> = {},
  body?: { from: number; to?: number },
): PageText {
  const script = detectScript(text);
  const lines = normaliseText(text, script)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return {
    format: "text",
    encoding: "utf-8",
    script,
    lines,
    bodyLines: body ? lines.slice(body.from, body.to) : lines,
    meta: {
      title: null,
      publishedDate: null,
      siteName: null,
      origin: null,
      url: null,
      columnName: null,
      extra: {},
      ...meta,
    },
    warnings: [],
  };
}
