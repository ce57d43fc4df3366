import { type Html, html } from "./html";

export interface MonthCount {
  month: string;
  count: number;
}

/** Every month from the first to the last counted one, empty months included, so gaps show as gaps. */
export function fillMonths(counts: readonly MonthCount[]): MonthCount[] {
  const dated = counts.filter((c) => /^\d{4}-\d{2}$/.test(c.month));
  const first = dated[0];
  const last = dated.at(-1);
  if (!first || !last) return [];
  const byMonth = new Map(dated.map((c) => [c.month, c.count]));
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const months: MonthCount[] = [];
  for (let i = index(first.month); i <= index(last.month); i++) {
    const month = `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
    months.push({ month, count: byMonth.get(month) ?? 0 });
  }
  return months;
}

const WIDTH = 720;
const HEIGHT = 160;
const AXIS = 28;

/**
 * Meetings per month as an inline SVG bar chart: no script, readable by a
 * screen reader through its title and the table that follows it.
 */
export function monthChart(counts: readonly MonthCount[]): Html {
  const months = fillMonths(counts);
  if (months.length === 0) return html`<p class="muted">没有带日期的会议可绘制图表。</p>`;
  const max = Math.max(...months.map((m) => m.count));
  const slot = (WIDTH - 40) / months.length;
  const bar = Math.max(1, slot * 0.8);
  const labelEvery = Math.ceil(months.length / 12);
  const bars = months.map((m, i) => {
    const h = max === 0 ? 0 : ((HEIGHT - AXIS - 12) * m.count) / max;
    const x = 30 + i * slot;
    const y = HEIGHT - AXIS - h;
    return html`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="#2a6bb5"><title>${m.month}：${m.count} 次</title></rect>${
      i % labelEvery === 0 ? html`<text x="${x.toFixed(1)}" y="${HEIGHT - 10}">${m.month}</text>` : ""
    }`;
  });
  const total = months.reduce((sum, m) => sum + m.count, 0);
  return html`<figure>
<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" style="max-width:${WIDTH}px">
<title id="chart-title">每月会议数：${months[0]?.month} 至 ${months.at(-1)?.month}，共 ${total} 次，最多一月 ${max} 次</title>
<text x="0" y="12">${max}</text><line x1="28" y1="${HEIGHT - AXIS}" x2="${WIDTH}" y2="${HEIGHT - AXIS}" stroke="#555"/>
${bars}
</svg>
<figcaption>每月会议数（按会议日期）</figcaption>
</figure>`;
}
