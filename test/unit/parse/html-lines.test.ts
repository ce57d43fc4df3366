import { describe, expect, it } from "vitest";
import { htmlLines } from "../../../shared/parse/html-lines";
import { htmlDocument } from "./support/html-document";

const linesOf = (html: string) => htmlLines(htmlDocument(html)).map((l) => l.text);

describe("htmlLines", () => {
  it("starts a new line at each block element", () => {
    expect(linesOf("<div><p>一、会议审议了方案</p><p>会议指出</p></div>")).toEqual(["一、会议审议了方案", "会议指出"]);
  });

  it("flows inline elements into one line", () => {
    expect(linesOf("<p>区长<b>李超鲲</b>主持<a href='#'>会议</a></p>")).toEqual(["区长李超鲲主持会议"]);
  });

  it("breaks lines at <br>, as government CMSs lay out paragraphs", () => {
    expect(linesOf("<td>第一段。<br>第二段。<br/>第三段。</td>")).toEqual(["第一段。", "第二段。", "第三段。"]);
  });

  it("keeps a row of short table cells on one line, 索引号 014119467/2022-00235", () => {
    expect(linesOf("<table><tr><td>索引号:</td><td>014119467/2022-00235</td></tr></table>")).toEqual([
      "索引号: 014119467/2022-00235",
    ]);
  });

  it("leaves scripts, styles and navigation out", () => {
    expect(linesOf("<nav><a>首页</a></nav><script>var x='会议'</script><style>p{}</style><p>正文</p>")).toEqual([
      "正文",
    ]);
  });

  it("leaves hidden elements out", () => {
    expect(linesOf("<ul style='display:none'><li>子菜单</li></ul><p>正文</p>")).toEqual(["正文"]);
  });

  it("renders hidden elements inside the article element (njxfhn-1's hidden 原标题 line)", () => {
    const doc = htmlDocument("<div id='a'><p style='display:none'>原标题:某某</p><p>正文</p></div>");
    const article = doc.elements.find((e) => e.classAndId.includes("a"));
    expect(htmlLines(doc, article).map((l) => l.text)).toEqual(["原标题:某某", "正文"]);
  });

  it("names the element each line starts in, past unentered <br>/<img>s and hidden article parts", () => {
    const doc = htmlDocument(
      "<div id='a'><p id='p1'>一<br><img src=x></p><div style='display:none'><p>原标题</p></div><p id='p2'>二</p></div><p id='p3'>三</p>",
    );
    const article = doc.elements.find((e) => e.el.attribs.id === "a");
    const startedIn = htmlLines(doc, article).map((l) => [l.text, doc.elements[l.element]?.el.attribs.id]);
    // the hidden <div> and its <p> are not in the DOM index: their line belongs to the article element
    expect(startedIn).toEqual([
      ["一", "p1"],
      ["原标题", "a"],
      ["二", "p2"],
      ["三", "p3"],
    ]);
  });

  it("counts link text per line", () => {
    const [line] = htmlLines(htmlDocument("<p><a href='#'>上一篇</a>:会议纪要</p>"));
    expect(line).toMatchObject({ length: 8, linkLength: 3 });
  });

  it("keeps line breaks inside <pre>", () => {
    expect(linesOf("<pre>第一行\n第二行</pre>")).toEqual(["第一行", "第二行"]);
  });
});
