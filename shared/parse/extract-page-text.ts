import { PARSER_MAX_PAGE_BYTES } from "../config/resources";
import { decodePage } from "./decode-page";
import { detectFormat } from "./detect-format";
import { detectScript } from "./detect-script";
import { extractHtmlPage } from "./extract-html-page";
import { extractTextPage } from "./extract-text-page";
import { MAX_NESTING_DEPTH } from "./html-document";
import { normaliseText } from "./normalise-text";
import type { PageText } from "./page-text";
import { checkDeadlineNow } from "./parse-deadline";
import type { PageInput, Rejection } from "./parse-outcome";
import { stripTags } from "./strip-tags";

/**
 * The page stage: decode → detect format → extract text blocks → normalise →
 * page metadata. Its output, a PageText, is all the meeting stage sees.
 */

export type PageStageResult = { ok: true; page: PageText } | { ok: false; rejection: Rejection };

export function extractPageText(bytes: Uint8Array, input: PageInput): PageStageResult {
  // Pages above the ceiling are rejected before any work (the largest corpus page is 0.75 MB).
  if (bytes.length > PARSER_MAX_PAGE_BYTES)
    return reject("too-large", `the page is ${bytes.length} bytes; the limit is ${PARSER_MAX_PAGE_BYTES} bytes`);
  const decoded = decodePage(bytes, { contentType: input.contentType });
  if (!decoded.ok) return reject(decoded.code, decoded.message);

  checkDeadlineNow();
  const text = decoded.text;
  const format = detectFormat(text, input.contentType);
  const script = detectScript(text, decoded.utf8);
  const normalise = (t: string) => normaliseText(t, script);
  const fromHtml = format === "html" ? extractHtmlPage(text, normalise) : undefined;
  const nestedTooDeep = format === "html" && !fromHtml;
  const extracted =
    fromHtml ??
    extractTextPage(normalise((nestedTooDeep ? stripTags(text) : text).replace(/\r\n?/g, "\n")).split("\n"));
  checkDeadlineNow();
  if (nestedTooDeep)
    extracted.warnings.push(
      `body: elements nest deeper than ${MAX_NESTING_DEPTH} levels; the page was read as text with its tags removed`,
    );
  if (extracted.lines.length === 0 && extracted.bodyLines.length === 0)
    return reject("empty", "the page has no visible text");

  return {
    ok: true,
    page: {
      format,
      encoding: decoded.encoding,
      script,
      lines: extracted.lines,
      bodyLines: extracted.bodyLines,
      meta: extracted.meta,
      warnings: [...decoded.warnings, ...extracted.warnings],
    },
  };
}

function reject(code: Rejection["code"], message: string): PageStageResult {
  return { ok: false, rejection: { code, message } };
}
