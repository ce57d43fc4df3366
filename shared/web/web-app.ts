import type { MeetingRecord } from "../record/record-schema";
import { UNDATED } from "../storage/item-keys";
import type { ListPage } from "./export-rows";
import { readFilters } from "./meeting-filters";
import { meetingPage } from "./meeting-page";
import { type MeetingStatsView, meetingsPage, type RegionSuggestion } from "./meetings-page";
import { failure, htmlResponse, messagePage, methodNotAllowed } from "./message-page";
import { type PersonAppearance, type PersonPost, type PersonView, personPage } from "./person-page";
import { apiError, type QueryApi } from "./query-api";
import { type SitePaths, sitePaths } from "./site-paths";
import type { WebApp, WebResponse } from "./web-request";

const LIST_PAGE = "50";
/**
 * Records read for the co-attendee count: the person's newest meetings, up
 * to this many (three pages of GET /people), so a page view costs a bounded
 * number of reads however often the person appears; the page says the span.
 */
export const CO_ATTENDEE_MEETINGS = 300;
const PERSON_PAGE = "100";
const RECORD_READS_AT_ONCE = 8;
/** Region suggestions offered in the filter's list: the most frequent, enough for any real archive's regions. */
const MAX_REGION_SUGGESTIONS = 300;
const CO_ATTENDEES_SHOWN = 15;

function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The regions holding meetings under the other filters (GET /regions), most first; none if the API fails. */
async function regionSuggestions(api: QueryApi, query: Record<string, string | undefined>) {
  const answer = await api("/regions", query);
  if (answer.status !== 200) return [];
  return (answer.body as { regions: RegionSuggestion[] }).regions.slice(0, MAX_REGION_SUGGESTIONS);
}

async function meetingsList(api: QueryApi, paths: SitePaths, query: URLSearchParams): Promise<WebResponse> {
  const filters = readFilters(query);
  const { region, ...others } = filters;
  const cursor = query.get("cursor") ?? undefined;
  const [list, stats, regions] = await Promise.all([
    api("/meetings", { ...filters, limit: LIST_PAGE, cursor }),
    api("/stats", filters),
    regionSuggestions(api, others),
  ]);
  if (list.status === 400) {
    const error = apiError(list);
    // A region name the filter does not know (a part of one, in either script): offer the regions it is part of.
    const regionMatches =
      error?.parameter === "region" && region ? await regionSuggestions(api, { ...others, name: region }) : [];
    return htmlResponse(
      400,
      meetingsPage(
        { filters, items: [], cursor: null, error: error?.message ?? "bad filter", regions, regionMatches },
        paths,
      ),
    );
  }
  if (list.status !== 200) return failure(paths, list);
  const { items, cursor: next } = list.body as ListPage;
  return htmlResponse(
    200,
    meetingsPage(
      {
        filters,
        items,
        cursor: next,
        regions,
        ...(cursor ? { atCursor: cursor } : {}),
        ...(stats.status === 200 ? { stats: stats.body as MeetingStatsView } : {}),
      },
      paths,
    ),
  );
}

async function meeting(api: QueryApi, paths: SitePaths, id: string): Promise<WebResponse> {
  const answer = await api(`/meetings/${encodeURIComponent(id)}`);
  if (answer.status !== 200) return failure(paths, answer);
  return htmlResponse(200, meetingPage(answer.body as MeetingRecord, paths));
}

/** Runs `work` over `items`, `width` at a time. */
async function mapLimited<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

interface PersonAnswer {
  name: string;
  posts: PersonPost[] | null;
  meetings: PersonAppearance[];
  cursor: string | null;
}

/**
 * Page requests the co-attendee count may make after the first: the pages
 * CO_ATTENDEE_MEETINGS takes, the one-meeting look past them, and a few
 * more for pages a round-trip budget cut short (the API may answer fewer
 * meetings than asked, even none, with a cursor).
 */
const PERSON_PAGE_READS = CO_ATTENDEE_MEETINGS / Number(PERSON_PAGE) + 4;

interface NewestMeetings {
  /** the person's newest meetings, up to CO_ATTENDEE_MEETINGS */
  meetings: PersonAppearance[];
  /** whether meetings older than these exist: none, some (left out by the bound), or unknown as a read failed */
  earlier: PersonView["coAttendeeSpan"]["earlier"];
}

/**
 * The person's newest meetings, following the API's cursor from the first
 * page. A cursor only says more *may* follow, so past the bound one more
 * meeting is asked for (limit 1): earlier meetings are "left out" only when
 * one is seen, and a failed read is reported as such, never as the bound.
 */
async function newestMeetings(api: QueryApi, first: PersonAnswer): Promise<NewestMeetings> {
  const meetings = [...first.meetings];
  let cursor = first.cursor;
  for (let reads = 0; cursor !== null && meetings.length <= CO_ATTENDEE_MEETINGS; reads++) {
    if (reads === PERSON_PAGE_READS) return { meetings: meetings.slice(0, CO_ATTENDEE_MEETINGS), earlier: "unread" };
    const limit = meetings.length < CO_ATTENDEE_MEETINGS ? PERSON_PAGE : "1";
    const answer = await api(`/people/${encodeURIComponent(first.name)}`, { limit, cursor });
    if (answer.status !== 200) return { meetings: meetings.slice(0, CO_ATTENDEE_MEETINGS), earlier: "unread" };
    const next = answer.body as PersonAnswer;
    meetings.push(...next.meetings);
    cursor = next.cursor;
  }
  return {
    meetings: meetings.slice(0, CO_ATTENDEE_MEETINGS),
    earlier: meetings.length > CO_ATTENDEE_MEETINGS ? "left-out" : "none",
  };
}

/** Who else sat in the person's newest meetings, most often first, and over which meetings that was counted. */
async function coAttendees(api: QueryApi, newest: NewestMeetings, name: string) {
  const counts = new Map<string, number>();
  const answers = await mapLimited(newest.meetings, RECORD_READS_AT_ONCE, (m) =>
    api(`/meetings/${encodeURIComponent(m.id)}`),
  );
  const read = newest.meetings.filter((_m, index) => answers[index]?.status === 200);
  for (const answer of answers) {
    if (answer.status !== 200) continue;
    const m = (answer.body as MeetingRecord).meeting;
    if (!m) continue;
    const names = new Set([m.chair?.name, ...m.attendees.map((p) => p.name), ...m.observers.map((p) => p.name)]);
    for (const other of names) if (other && other !== name) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  const dates = read
    .map((m) => m.date ?? m.sortDate)
    .filter((d) => d !== UNDATED)
    .sort();
  const span: PersonView["coAttendeeSpan"] = {
    listed: newest.meetings.length,
    meetings: read.length,
    from: dates[0] ?? null,
    to: dates.at(-1) ?? null,
    earlier: newest.earlier,
  };
  return {
    coAttendees: [...counts]
      .map(([other, count]) => ({ name: other, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "zh-CN"))
      .slice(0, CO_ATTENDEES_SHOWN),
    coAttendeeSpan: span,
  };
}

async function person(api: QueryApi, paths: SitePaths, name: string): Promise<WebResponse> {
  const answer = await api(`/people/${encodeURIComponent(name)}`, { limit: PERSON_PAGE });
  if (answer.status !== 200) return failure(paths, answer);
  const body = answer.body as PersonAnswer;
  const newest = await newestMeetings(api, body);
  return htmlResponse(
    200,
    personPage(
      {
        name: body.name,
        posts: body.posts ?? [],
        meetings: body.meetings,
        more: newest.meetings.length > body.meetings.length || newest.earlier !== "none",
        ...(await coAttendees(api, newest, body.name)),
      },
      paths,
    ),
  );
}

/**
 * The web app: server-rendered pages in Chinese over the query API, one
 * function of a request. Routes are the web function's of
 * shared/config/web-routes.ts; the downloads are download-app.ts's.
 */
export function createWebApp(api: QueryApi): WebApp {
  return async (request) => {
    const paths = sitePaths(request.basePath);
    if (request.method !== "GET" && request.method !== "HEAD") {
      return methodNotAllowed(paths);
    }
    const path = request.path.replace(/\/+$/, "") || "/";
    if (path === "/") return meetingsList(api, paths, request.query);
    const meetingMatch = /^\/meeting\/([^/]+)$/.exec(path);
    if (meetingMatch?.[1]) return meeting(api, paths, segment(meetingMatch[1]));
    const personMatch = /^\/person\/([^/]+)$/.exec(path);
    if (personMatch?.[1]) return person(api, paths, segment(personMatch[1]));
    return messagePage(paths, 404, "未找到", `没有这个页面：${path}`);
  };
}
