import type { MeetingSummary } from "../storage/item-keys";
import { html } from "./html";
import { KIND_LABELS, MEETING_TYPE_LABELS, meetingTypeLabel } from "./labels";
import { page } from "./layout";
import type { Filters } from "./meeting-filters";
import { monthChart } from "./month-chart";
import type { SitePaths } from "./site-paths";

export interface MeetingStatsView {
  total: number;
  complete: boolean;
  byMonth: { month: string; count: number }[];
  byType: { type: string; count: number }[];
}

/** A region holding meetings (GET /regions): `shortName` is what the filter takes. */
export interface RegionSuggestion {
  name: string;
  shortName: string;
  count: number;
}

export interface MeetingsView {
  filters: Filters;
  items: MeetingSummary[];
  cursor: string | null;
  /** the page's own cursor, so "first page" can be offered on later pages */
  atCursor?: string;
  stats?: MeetingStatsView;
  /** the API's message for a bad filter */
  error?: string;
  /** regions holding meetings under the other filters, for the region field's suggestions */
  regions?: readonly RegionSuggestion[];
  /** for a region name the filter does not know: the regions whose names contain it */
  regionMatches?: readonly RegionSuggestion[];
}

function option(value: string, label: string, selected: string | undefined) {
  return html`<option value="${value}"${selected === value ? html` selected` : ""}>${label}</option>`;
}

export function filterForm(filters: Filters, regions: readonly RegionSuggestion[], paths: SitePaths) {
  return html`<form class="filters" method="get" action="${paths.list()}" role="search" aria-label="筛选会议">
<label>地区<input name="region" list="regions" value="${filters.region ?? ""}" placeholder="如 钟楼区、常州市"></label>
<datalist id="regions">${regions.map((r) => html`<option value="${r.shortName}" label="${r.name} · ${r.count} 次会议"></option>`)}</datalist>
<label>会议类型<select name="type">${option("", "全部类型", filters.type)}${Object.entries(MEETING_TYPE_LABELS).map(([v, l]) => option(v, l, filters.type))}</select></label>
<label>页面类别<select name="kind">${option("", "会议（纪要与报道）", filters.kind)}${Object.entries(KIND_LABELS).map(([v, l]) => option(v, l, filters.kind))}</select></label>
<label>起始日期<input type="date" name="from" value="${filters.from ?? ""}"></label>
<label>截止日期<input type="date" name="to" value="${filters.to ?? ""}"></label>
<label>人员<input name="person" value="${filters.person ?? ""}" placeholder="姓名，如 李超鲲"></label>
<button type="submit">筛选</button> <a href="${paths.list()}">清除筛选</a>
</form>`;
}

function summaryRow(item: MeetingSummary, paths: SitePaths) {
  return html`<tr>
<td>${item.date ?? (item.sortDate === "0000-00-00" ? "日期不详" : html`${item.sortDate} <span class="muted">(发布)</span>`)}</td>
<td><a href="${paths.meeting(item.id)}">${item.meetingName ?? item.title ?? item.id}</a>${item.title && item.meetingName && item.title !== item.meetingName ? html`<br><span class="muted">${item.title}</span>` : ""}</td>
<td>${item.regionName ? html`<a href="${paths.list({ region: item.regionCode ?? undefined })}">${item.regionName}</a>` : "—"}</td>
<td>${meetingTypeLabel(item.meetingType)}</td>
<td>${item.chair ? html`<a href="${paths.person(item.chair)}">${item.chair}</a>` : "—"}</td>
</tr>`;
}

export function meetingsTable(items: readonly MeetingSummary[], caption: string, paths: SitePaths) {
  if (items.length === 0) return html`<p>没有符合条件的会议。</p>`;
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">日期</th><th scope="col">会议</th><th scope="col">地区</th><th scope="col">类型</th><th scope="col">主持人</th></tr></thead>
<tbody>${items.map((item) => summaryRow(item, paths))}</tbody>
</table>`;
}

function statsBlock(stats: MeetingStatsView | undefined) {
  if (!stats) return "";
  const types = stats.byType.map(
    (t) => html`<li>${t.type === "unknown" ? "类型不详" : meetingTypeLabel(t.type)}：${t.count}</li>`,
  );
  return html`<section aria-labelledby="stats-heading">
<h2 id="stats-heading">共 ${stats.total}${stats.complete ? "" : "+"} 次会议</h2>
${monthChart(stats.byMonth)}
<ul class="pager" aria-label="按类型计数">${types}</ul>
</section>`;
}

/** "Did you mean": links to the known regions whose names contain what was typed. */
function regionMatches(view: MeetingsView, paths: SitePaths) {
  const matches = view.regionMatches ?? [];
  if (matches.length === 0) return "";
  const links = matches.map(
    (r) =>
      html`<li><a href="${paths.list({ ...view.filters, region: r.shortName })}">${r.name}</a>（${r.count} 次会议）</li>`,
  );
  return html`<section aria-labelledby="region-matches"><h2 id="region-matches">有会议记录的地区</h2><ul>${links}</ul></section>`;
}

export function meetingsPage(view: MeetingsView, paths: SitePaths): string {
  const downloads = html`<p>下载全部结果：<a href="${paths.download("csv", view.filters)}">CSV（Excel 可直接打开）</a> · <a href="${paths.download("jsonl", view.filters)}">JSON Lines</a></p>`;
  const pager = html`<nav class="pager" aria-label="翻页">${view.atCursor ? html`<a href="${paths.list(view.filters)}">第一页</a>` : ""}${view.cursor ? html`<a href="${paths.list({ ...view.filters, cursor: view.cursor })}" rel="next">下一页</a>` : ""}</nav>`;
  return page(
    "会议列表",
    html`<h1>会议列表</h1>
${filterForm(view.filters, view.regions ?? [], paths)}
${
  view.error
    ? html`<p class="error" role="alert">筛选条件有误：${view.error}</p>${regionMatches(view, paths)}`
    : html`${statsBlock(view.stats)}
${downloads}
${meetingsTable(view.items, "会议（按日期从新到旧）", paths)}
${pager}`
}`,
    paths,
  );
}
