import { extractHtmlPage } from "../../../../shared/parse/extract-html-page";
import type { ExtractedPage } from "../../../../shared/parse/extract-text-page";
import { type HtmlDocument, parseHtml } from "../../../../shared/parse/html-document";

/** parseHtml for test pages that must build a DOM: one nested too deeply is a mistake in the test. */
export function htmlDocument(html: string): HtmlDocument {
  const doc = parseHtml(html);
  if (!doc) throw new Error("the test page nests too deeply for the DOM");
  return doc;
}

/** extractHtmlPage for test pages that must build a DOM. */
export function extractedHtmlPage(html: string, normalise: (text: string) => string): ExtractedPage {
  const page = extractHtmlPage(html, normalise);
  if (!page) throw new Error("the test page nests too deeply for the DOM");
  return page;
}
