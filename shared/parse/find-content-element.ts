import type { HtmlDocument, IndexedElement } from "./html-document";
import { PARAGRAPH_TAGS } from "./lexicon/html-tags";

/**
 * Finds the element that holds the article, Readability-style: every run of
 * paragraph text scores its container (and, less, the container's parent) by
 * length and punctuation; class/id names nudge the score; link-heavy
 * containers (menus, related-article lists) are discounted by their link
 * density. Chinese pages lay paragraphs out as <p>s, as <br>-separated text
 * directly in a <div>/<td> (government CMSs), or as <span>s in <div>s; all
 * three are "text runs" here.
 */

/** Class/id fragments of article containers, from Readability plus Chinese CMS names (TRS_Editor, zoom, zw = 正文, detail, con). */
const POSITIVE_HINTS =
  /article|content|entry|main|post|text|body|detail|story|zoom|zhengwen|(^|[\s_-])zw|trs_editor|union|(^|[\s_-])con([\s_-]|$)|xq_|news_?con/;
/** Class/id fragments of everything around the article: comments, sidebars, menus, related lists, footers, share bars. */
const NEGATIVE_HINTS =
  /comment|foot|sidebar|side|nav|menu|related|recommend|share|banner|(^|[\s_-])ad([\s_-]|s|$)|advert|hot|rank|link|copyright|crumb|position|location|tool|social|widget|sponsor|popup|login|search|pager|pagination|tag|author-info|hidden/;

/** A text run shorter than this (visible characters) is a label or a button, not a paragraph. */
const MIN_RUN = 10;

export interface ContentChoice {
  element: IndexedElement;
  score: number;
}

export function findContentElement(doc: HtmlDocument): ContentChoice | undefined {
  const { elements } = doc;
  const scores = new Float64Array(elements.length);
  const scored = new Uint8Array(elements.length);

  const ensure = (i: number) => {
    if (scored[i]) return;
    scored[i] = 1;
    scores[i] = initialScore(elements[i] as IndexedElement);
  };

  for (const e of elements) {
    const ownPlain = e.ownText - e.ownLinkText;
    if (ownPlain < MIN_RUN) continue;
    const runScore = 1 + e.ownPunct + Math.min(Math.floor(ownPlain / 100), 3);
    // A <p> scores its container; a <div>/<td> holding text directly *is* the container.
    let target = PARAGRAPH_TAGS.has(e.tag) ? e.parent : e.index;
    for (let level = 0; level < 3 && target >= 0; level++) {
      ensure(target);
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores[target] = (scores[target] ?? 0) + runScore / divider;
      target = (elements[target] as IndexedElement).parent;
    }
  }

  let best: ContentChoice | undefined;
  for (let i = 0; i < elements.length; i++) {
    if (!scored[i]) continue;
    const e = elements[i] as IndexedElement;
    const linkDensity = e.text > 0 ? e.linkText / e.text : 1;
    const score = (scores[i] ?? 0) * (1 - linkDensity);
    if (!best || score > best.score) best = { element: e, score };
  }
  return best;
}

function initialScore(e: IndexedElement): number {
  let score = 0;
  switch (e.tag) {
    case "div":
    case "article":
    case "section":
    case "main":
      score += 5;
      break;
    case "pre":
    case "td":
    case "blockquote":
      score += 3;
      break;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      score -= 3;
      break;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      score -= 5;
      break;
    case "header":
    case "footer":
      score -= 25;
      break;
  }
  if (e.classAndId.trim()) {
    if (POSITIVE_HINTS.test(e.classAndId)) score += 25;
    if (NEGATIVE_HINTS.test(e.classAndId)) score -= 25;
  }
  return score;
}
