import type { MeetingSummary, PersonRole } from "../storage/item-keys";
import { type Html, html } from "./html";
import { meetingTypeLabel, ROLE_LABELS } from "./labels";
import { page } from "./layout";
import { personLink } from "./meeting-page";
import type { SitePaths } from "./site-paths";

export interface PersonPost {
  title: string;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface PersonAppearance extends MeetingSummary {
  roles: PersonRole[];
  titles: string[];
}

export interface PersonView {
  name: string;
  posts: PersonPost[];
  meetings: PersonAppearance[];
  /** the person has (or may have: a read failed) more meetings than shown */
  more: boolean;
  /** names seen in the same meetings, most often first, over the meetings of coAttendeeSpan */
  coAttendees: { name: string; count: number }[];
  /** the meetings the co-attendees were counted over */
  coAttendeeSpan: {
    /** the person's newest meetings listed for the count */
    listed: number;
    /** of those, the meetings whose records were read and counted; the rest failed to read */
    meetings: number;
    /** the counted meetings' dates */
    from: string | null;
    to: string | null;
    /**
     * meetings older than the listed ones: "none", "left-out" (they exist,
     * past the bound), or "unread" (listing them failed: unknown)
     */
    earlier: "none" | "left-out" | "unread";
  };
}

const DAY = 86_400_000;

/** Posts as bars on a time axis, one row each, so a career reads left to right. */
export function postsTimeline(posts: readonly PersonPost[]): Html {
  const dated = posts.filter((p): p is PersonPost & { firstSeen: string; lastSeen: string } =>
    Boolean(p.firstSeen && p.lastSeen),
  );
  if (dated.length === 0) return html`<p class="muted">没有带日期的职务记录。</p>`;
  const start = Math.min(...dated.map((p) => Date.parse(p.firstSeen)));
  const end = Math.max(...dated.map((p) => Date.parse(p.lastSeen)));
  const span = Math.max(end - start, 30 * DAY);
  const width = 720;
  const left = 200;
  const row = 26;
  const x = (date: string) => left + ((Date.parse(date) - start) / span) * (width - left - 10);
  const rows = dated.map((p, i) => {
    const x1 = x(p.firstSeen);
    const w = Math.max(4, x(p.lastSeen) - x1);
    const y = 10 + i * row;
    return html`<text x="0" y="${y + 14}">${p.title}</text><rect x="${x1.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="18" fill="#2a6bb5"><title>${p.title}：${p.firstSeen} 至 ${p.lastSeen}</title></rect>`;
  });
  const height = 30 + dated.length * row;
  return html`<svg role="img" aria-labelledby="timeline-title" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">
<title id="timeline-title">职务时间线：${dated.map((p) => `${p.title} ${p.firstSeen} 至 ${p.lastSeen}`).join("；")}</title>
${rows}
<text x="${left}" y="${height - 4}">${new Date(start).toISOString().slice(0, 10)}</text><text x="${width - 80}" y="${height - 4}">${new Date(end).toISOString().slice(0, 10)}</text>
</svg>`;
}

function roleSection(role: PersonRole, meetings: readonly PersonAppearance[], paths: SitePaths) {
  const list = meetings.filter((m) => m.roles.includes(role));
  if (list.length === 0) return "";
  return html`<section aria-labelledby="role-${role}"><h3 id="role-${role}">${ROLE_LABELS[role]}（${list.length}）</h3>
<ul>${list.map((m) => html`<li>${m.date ?? m.sortDate} <a href="${paths.meeting(m.id)}">${m.meetingName ?? m.title ?? m.id}</a> <span class="muted">${m.regionName ?? ""} ${meetingTypeLabel(m.meetingType)}${m.titles.length ? ` · ${m.titles.join("、")}` : ""}</span></li>`)}</ul></section>`;
}

/** Says over which meetings the co-attendees were counted: all of the person's, or the newest N (a bound, not a fault). */
export function coAttendeeSpan(span: PersonView["coAttendeeSpan"]): string {
  const dates = span.from && span.to ? `（${span.from} 至 ${span.to}）` : "";
  const counted = span.meetings < span.listed ? `中的 ${span.meetings} 次` : "";
  if (span.earlier === "none") return `按此人全部 ${span.listed} 次会议${counted}${dates}统计。`;
  if (span.earlier === "left-out")
    return `按此人最近的 ${span.listed} 次会议${counted}${dates}统计，更早的会议未计入。`;
  return `按已读到的此人最近 ${span.listed} 次会议${counted}${dates}统计。`;
}

/** What failed to read while counting co-attendees, if anything: an error to retry, unlike the bound. */
export function coAttendeeReadErrors(span: PersonView["coAttendeeSpan"]): string | null {
  const errors = [
    ...(span.earlier === "unread" ? ["读取此人更早的会议时出错，这些会议未计入"] : []),
    ...(span.meetings < span.listed ? [`有 ${span.listed - span.meetings} 次会议的记录读取出错，未计入`] : []),
  ];
  return errors.length === 0 ? null : `${errors.join("；")}。统计不完整，请稍后刷新重试。`;
}

function errorNote(message: string | null) {
  return message === null ? "" : html`<p class="error" role="status">${message}</p>`;
}

export function personPage(view: PersonView, paths: SitePaths): string {
  const roles = Object.keys(ROLE_LABELS) as PersonRole[];
  return page(
    view.name,
    html`<h1>${view.name}</h1>
<section aria-labelledby="posts-heading"><h2 id="posts-heading">职务</h2>
${postsTimeline(view.posts)}
<table><caption>职务及出现时间</caption><thead><tr><th scope="col">职务</th><th scope="col">最早</th><th scope="col">最近</th></tr></thead>
<tbody>${view.posts.map((p) => html`<tr><td>${p.title}</td><td>${p.firstSeen ?? "—"}</td><td>${p.lastSeen ?? "—"}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="meetings-heading"><h2 id="meetings-heading">参加的会议（${view.meetings.length}${view.more ? "+" : ""}）</h2>
<p><a href="${paths.list({ person: view.name })}">在会议列表中查看</a></p>
${roles.map((role) => roleSection(role, view.meetings, paths))}</section>
<section aria-labelledby="co-heading"><h2 id="co-heading">常在同一会议中出现的人</h2>
<p class="muted">${coAttendeeSpan(view.coAttendeeSpan)}</p>
${errorNote(coAttendeeReadErrors(view.coAttendeeSpan))}
${view.coAttendees.length === 0 ? html`<p class="muted">暂无。</p>` : html`<ol>${view.coAttendees.map((c) => html`<li>${personLink(c.name, paths)}：${c.count} 次</li>`)}</ol>`}
</section>`,
    paths,
  );
}
