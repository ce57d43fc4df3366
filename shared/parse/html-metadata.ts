import type { Document, Element } from "domhandler";

/**
 * What a page says about itself outside its visible text: <title>, <meta>
 * tags (CMS tags such as ArticleTitle/PubDate/ContentSource/SiteName/
 * ColumnName/Url as TRS and Hanweb portals emit them; Open Graph; article:*),
 * the canonical link.
 */
export interface HtmlMetadata {
  /** <title> text, untrimmed of site suffixes */
  documentTitle: string | null;
  /** meta name/property/itemprop (lower case) → content; the first occurrence wins */
  meta: Map<string, string>;
  canonical: string | null;
}

/** Tags whose subtrees hold no metadata; skipping them keeps the walk cheap on script-heavy pages. */
const OPAQUE = new Set(["script", "style", "svg", "noscript", "template"]);

export function readHtmlMetadata(document: Document): HtmlMetadata {
  const meta = new Map<string, string>();
  let documentTitle: string | null = null;
  let canonical: string | null = null;
  const stack: Element[] = [];
  for (const child of document.children) if (child.type === "tag") stack.push(child as Element);
  while (stack.length > 0) {
    const el = stack.pop() as Element;
    const tag = el.name;
    if (tag === "meta") {
      const content = el.attribs.content?.trim();
      for (const attr of ["name", "property", "itemprop", "http-equiv"]) {
        const key = el.attribs[attr]?.trim().toLowerCase();
        if (key && content && !meta.has(key)) meta.set(key, content);
      }
    } else if (tag === "title" && documentTitle === null) {
      documentTitle = textOf(el).trim() || null;
    } else if (tag === "link" && canonical === null && /\bcanonical\b/i.test(el.attribs.rel ?? "")) {
      canonical = el.attribs.href?.trim() || null;
    }
    if (OPAQUE.has(tag)) continue;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i];
      if (child?.type === "tag") stack.push(child as Element);
    }
  }
  return { documentTitle, meta, canonical };
}

/** The first meta value among `keys` (lower case), in the order given. */
export function firstMeta(metadata: HtmlMetadata, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = metadata.meta.get(key);
    if (value) return value;
  }
  return null;
}

function textOf(el: Element): string {
  let out = "";
  for (const child of el.children) if (child.type === "text") out += child.data;
  return out;
}
