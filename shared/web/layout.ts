import { Html, html } from "./html";
import type { SitePaths } from "./site-paths";

/** Plain, high-contrast styles with a visible keyboard focus; no script anywhere. */
const STYLE = `
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.6}
a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #c75000;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}
header{background:#12355b;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:baseline;flex-wrap:wrap}
header a{color:#fff;font-weight:bold;text-decoration:none}header nav a{font-weight:normal;text-decoration:underline}
main{padding:1rem 1.2rem;max-width:72rem}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;background:#f3f5f8;padding:.8rem;border-radius:4px}
form.filters label{display:flex;flex-direction:column;font-size:.9rem}
input,select,button{font:inherit;padding:.25rem .4rem;border:1px solid #555;border-radius:3px}
button{background:#12355b;color:#fff;border-color:#12355b;cursor:pointer}
table{border-collapse:collapse;width:100%;margin:.8rem 0}th,td{border-bottom:1px solid #ccd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}caption{text-align:left;font-weight:bold;padding:.3rem 0}
.muted{color:#555}.error{background:#fde8e8;border:1px solid #a40000;color:#7a0000;padding:.6rem}
.warn{background:#fff6dd;border:1px solid #8a6d00;padding:.6rem}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.fields dt{font-weight:bold}
.pager{display:flex;gap:1rem;flex-wrap:wrap}.body{white-space:pre-wrap;background:#f7f7f7;padding:.8rem;border:1px solid #ddd}
svg text{font-size:11px;fill:#1a1a1a}
`;

export function page(title: string, content: Html, paths: SitePaths): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Docket</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header><a href="${paths.list()}">Docket 会议记录</a><nav aria-label="站点"><a href="${paths.list()}">会议列表</a></nav></header>
<main id="main">
${content}
</main>
</body>
</html>
`.value;
}
