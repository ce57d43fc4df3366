import { readFileSync } from "node:fs";
import { type Handler, Parser, Tokenizer } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { FastTokenizer, OVERRIDDEN_TOKENIZER_METHODS } from "../../../shared/parse/html-tokenizer";
import { goldenPages } from "../../quality/golden-pages";

/** Every event the parser emits, with the source positions it reports, in order. */
function events(html: string, tokenizer: typeof Tokenizer | undefined, chunks = 1): string[] {
  const log: string[] = [];
  let parser: Parser | undefined;
  const at = () => `${parser?.startIndex}-${parser?.endIndex}`;
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      log.push(`${name} ${at()} ${JSON.stringify(args)}`);
  const handler: Partial<Handler> = {
    onopentagname: record("opentagname"),
    onattribute: record("attribute"),
    onopentag: record("opentag"),
    ontext: record("text"),
    onclosetag: record("closetag"),
    oncomment: record("comment"),
    oncommentend: record("commentend"),
    oncdatastart: record("cdatastart"),
    oncdataend: record("cdataend"),
    onprocessinginstruction: record("processinginstruction"),
    onend: record("end"),
  };
  parser = new Parser(handler, tokenizer ? { Tokenizer: tokenizer } : {});
  const size = Math.ceil(html.length / chunks);
  for (let i = 0; i < html.length; i += size) parser.write(html.slice(i, i + size));
  parser.end();
  return log;
}

const EDGE_CASES: [string, string][] = [
  ["entities in text", "<p>A &amp; B &lt; C &#x4F1A;&#35758; &copy &notanentity; &</p>"],
  ["entities in attributes", `<a href="/x?a=1&amp;b=2&c" title='一&quot;二' data-x=a&amp;b>链接</a>`],
  ["a page that ends inside text", "<div>会议纪要 &amp; 附件"],
  ["a page that ends inside an attribute value", `<div class="content`],
  ["a page that ends inside an entity", "<p>会议&am"],
  ["a lone < in text", "<p>a < b <3 <= c</p><p>1<2</p>"],
  [
    "scripts, styles and titles",
    "<title>会 &amp; 议</title><script>if (a<b && c) x='</scr'+'ipt>';</script><style>p>a{}</style>",
  ],
  ["comments, CDATA, declarations", "<!DOCTYPE html><!-- a -- b ---><![CDATA[x]]><?xml v?><!x><p>后</p>"],
  ["unclosed tags and stray closers", "<div><p>一<p>二</span></div></div><br/><img src=x>"],
  ["textarea and xmp", "<textarea>a &amp; <b></textarea><xmp><i>&amp;</xmp>"],
  ["no markup at all", "会议纪要 & 决定 &amp; 通知"],
];

describe("FastTokenizer", () => {
  it("still finds the htmlparser2 internals it builds on (an upgrade that renames them fails here)", () => {
    for (const method of OVERRIDDEN_TOKENIZER_METHODS)
      expect(typeof Reflect.get(Tokenizer.prototype, method), method).toBe("function");
    const tokenizer = new Tokenizer({ decodeEntities: true }, {} as ConstructorParameters<typeof Tokenizer>[1]);
    for (const field of ["buffer", "index", "offset", "decodeEntities"]) expect(tokenizer, field).toHaveProperty(field);
  });

  it.each(EDGE_CASES)("emits the same events as htmlparser2's own tokenizer: %s", (_name, html) => {
    expect(events(html, FastTokenizer)).toEqual(events(html, undefined));
  });

  it.each(EDGE_CASES)("emits the same events when the page arrives in chunks: %s", (_name, html) => {
    expect(events(html, FastTokenizer, 3)).toEqual(events(html, undefined, 3));
  });

  it("emits the same events as htmlparser2's own tokenizer on every golden HTML page", () => {
    const html = goldenPages().filter((p) => p.contentType === "text/html");
    expect(html.length).toBeGreaterThan(30);
    for (const page of html) {
      const text = readFileSync(page.path, "utf8");
      const fast = events(text, FastTokenizer);
      expect(fast.length, page.slug).toBeGreaterThan(10);
      expect(fast, page.slug).toEqual(events(text, undefined));
    }
  });
});
