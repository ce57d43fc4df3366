import type { AgendaItem, MeetingRecord, PersonRef } from "../record/record-schema";
import { type Html, html } from "./html";
import { kindLabel, meetingTypeLabel } from "./labels";
import { page } from "./layout";
import type { SitePaths } from "./site-paths";

export function personLink(name: string, paths: SitePaths) {
  return html`<a href="${paths.person(name)}">${name}</a>`;
}

function field(label: string, value: Html | string | number | null | undefined) {
  return html`<dt>${label}</dt><dd>${value === null || value === undefined || value === "" ? "—" : value}</dd>`;
}

function people(refs: readonly PersonRef[], paths: SitePaths) {
  if (refs.length === 0) return "—";
  return html`<ul class="pager">${refs.map((p) => html`<li>${personLink(p.name, paths)}${p.note ? html` <span class="muted">（${p.note}）</span>` : ""}</li>`)}</ul>`;
}

function agendaItem(item: AgendaItem) {
  return html`<li><p><strong>${item.actions.join("、")}</strong> ${item.subject}</p>
<dl class="fields">${item.documents.length ? field("文件", item.documents.map((d) => `《${d}》`).join("")) : ""}${item.proposedBy.length ? field("提出", item.proposedBy.join("、")) : ""}${field("决定", item.decision)}</dl>
${item.text ? html`<p>${item.text}</p>` : ""}</li>`;
}

/** Warnings are the parser's doubts: shown as such, with the field they concern. */
function warnings(list: readonly string[]) {
  if (list.length === 0) return "";
  return html`<section class="warn" aria-labelledby="warnings-heading"><h2 id="warnings-heading">解析存疑（unsure of…）</h2>
<ul>${list.map((w) => html`<li>${w}</li>`)}</ul></section>`;
}

export function meetingPage(record: MeetingRecord, paths: SitePaths): string {
  const m = record.meeting;
  const d = record.disclosure;
  const s = record.source;
  const region = record.region;
  const title = m?.name ?? record.title ?? record.id;
  return page(
    title,
    html`<h1>${title}</h1>
${record.title && record.title !== title ? html`<p class="muted">${record.title}</p>` : ""}
${warnings(record.warnings)}
<section aria-labelledby="meeting-heading"><h2 id="meeting-heading">会议</h2>
<dl class="fields">
${field("类别", kindLabel(record.kind))}
${field("会议类型", m ? meetingTypeLabel(m.type) : null)}
${field("日期", m?.date ? `${m.date}${m.dateInferred ? "（推断）" : ""}` : null)}
${field("时间", m?.timeOfDay)}
${field("地点", m?.location)}
${field("地区", region ? html`<a href="${paths.list({ region: region.code })}">${[region.province, region.city, region.county].filter(Boolean).join(" ")}</a> <span class="muted">${region.code}</span>` : null)}
${field("主持人", m?.chair ? html`${personLink(m.chair.name, paths)}${m.chair.title ? `（${m.chair.title}）` : ""}` : null)}
${field("出席", people(m?.attendees ?? [], paths))}
${field("列席", people(m?.observers ?? [], paths))}
${field("记录", m?.recorder)}
${field("发布日期", record.publishedDate)}
</dl></section>
${m && m.agenda.length > 0 ? html`<section aria-labelledby="agenda-heading"><h2 id="agenda-heading">议题</h2><ol>${m.agenda.map(agendaItem)}</ol></section>` : ""}
${
  d
    ? html`<section aria-labelledby="disclosure-heading"><h2 id="disclosure-heading">信息公开</h2><dl class="fields">
${field("索引号", d.indexNumber)}${field("主题分类", d.topic)}${field("体裁", d.genre)}${field("组配分类", d.category)}${field("公开方式", d.openness)}${field("文号", d.documentNumber)}${field("发布机构", d.publisher)}${field("生成日期", d.createdDate)}${field("发布日期", d.publishedDate)}${field("有效性", d.validity)}${field("内容概述", d.summary)}
</dl></section>`
    : ""
}
<section aria-labelledby="source-heading"><h2 id="source-heading">来源</h2><dl class="fields">
${field("原始网址", s.url && /^https?:\/\//i.test(s.url) ? html`<a href="${s.url}" rel="noopener noreferrer">${s.url}</a>` : null)}
${field("网站", s.siteName)}${field("格式", s.format)}${field("编码", s.encoding)}${field("存储位置", s.uri)}${field("SHA-256", s.sha256)}
${field("记录编号", record.id)}${field("解析器版本", record.parserVersion)}
</dl></section>
<section aria-labelledby="body-heading"><h2 id="body-heading">正文</h2><div class="body">${record.body}</div></section>`,
    paths,
  );
}
