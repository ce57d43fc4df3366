import { describe, expect, it } from "vitest";
import { createDownloadApp } from "../../../shared/web/download-app";
import { csvField, exportChunks } from "../../../shared/web/export-rows";
import { href, html } from "../../../shared/web/html";
import { fillMonths } from "../../../shared/web/month-chart";
import type { QueryApi } from "../../../shared/web/query-api";
import { CO_ATTENDEE_MEETINGS, createWebApp } from "../../../shared/web/web-app";
import { listPage, summary } from "./support/fake-list-api";
import { streamed } from "./support/streamed";

const REGIONS = [
  { code: "320404", level: "county", name: "江苏省常州市钟楼区", shortName: "钟楼区", count: 7 },
  { code: "320106", level: "county", name: "江苏省南京市鼓楼区", shortName: "南京市鼓楼区", count: 2 },
];

/** An API serving `total` meetings 100 a page, recording each call. */
function fakeApi(total: number, calls: string[] = []): QueryApi {
  return async (path, query = {}) => {
    calls.push(`${path}?${new URLSearchParams(query as Record<string, string>).toString()}`);
    if (query.region === "鼓楼区" || query.region === "鼓樓")
      return {
        status: 400,
        body: { error: { code: "bad_parameter", message: "region: ambiguous", parameter: "region" } },
      };
    if (path === "/regions") {
      // the API matches `name` in either script; the fake knows one traditional spelling
      const name = query.name === "鼓樓" ? "鼓楼" : query.name;
      return { status: 200, body: { regions: REGIONS.filter((r) => name === undefined || r.name.includes(name)) } };
    }
    if (path === "/stats") return { status: 200, body: { total, complete: true, byMonth: [], byType: [] } };
    if (path.startsWith("/meetings/"))
      return { status: 404, body: { error: { code: "not_found", message: "no record" } } };
    return listPage(total, query);
  };
}

const get = (path: string, query = "") => ({ method: "GET", path, query: new URLSearchParams(query) });

describe("html", () => {
  it("escapes scraped text, so a <script> in a title stays text", () => {
    expect(html`<td>${'<script>alert("x")</script>'}</td>`.value).toBe(
      "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>",
    );
  });

  it("builds shareable links with only the filters set", () => {
    expect(href("/", { region: "钟楼区", type: undefined, person: "" })).toBe("/?region=%E9%92%9F%E6%A5%BC%E5%8C%BA");
  });
});

describe("CSV", () => {
  it("quotes commas and quotes, and defuses spreadsheet formulas", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(null)).toBe("");
  });

  it("streams a header with BOM, then every page's rows", async () => {
    const chunks: string[] = [];
    const pages = [{ items: [summary(2)], cursor: null }];
    for await (const chunk of exportChunks(
      "csv",
      { items: [summary(1)], cursor: "1" },
      async () => pages[0] ?? { items: [], cursor: null },
    )) {
      chunks.push(chunk);
    }
    expect(chunks).toHaveLength(3);
    expect(chunks[0]?.startsWith("\uFEFFid,")).toBe(true);
  });
});

describe("fillMonths", () => {
  it("fills the empty months between counted ones and leaves undated out", () => {
    expect(
      fillMonths([
        { month: "2021-11", count: 2 },
        { month: "2022-01", count: 1 },
        { month: "undated", count: 4 },
      ]),
    ).toEqual([
      { month: "2021-11", count: 2 },
      { month: "2021-12", count: 0 },
      { month: "2022-01", count: 1 },
    ]);
  });
});

describe("the web app", () => {
  it("renders the list in Chinese with a next-page link carrying the filters and the cursor", async () => {
    const response = await createWebApp(fakeApi(120))(get("/", "region=钟楼区"));
    expect(response.status).toBe(200);
    const page = String(response.body);
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("政府常务会议");
    expect(page).toContain(`href="/?region=${encodeURIComponent("钟楼区")}&amp;cursor=50"`);
  });

  it("answers a bad filter with a 400 page naming the problem", async () => {
    const response = await createWebApp(fakeApi(1))(get("/", "region=鼓楼区"));
    expect(response.status).toBe(400);
    expect(String(response.body)).toContain("region: ambiguous");
  });

  it("suggests the regions holding meetings under the other filters, as the filter takes them, with counts", async () => {
    const calls: string[] = [];
    const page = String((await createWebApp(fakeApi(3, calls))(get("/", "region=钟楼区&type=work-meeting"))).body);
    expect(page).toContain('<option value="钟楼区" label="江苏省常州市钟楼区 · 7 次会议">');
    expect(page).toContain('<option value="南京市鼓楼区" label="江苏省南京市鼓楼区 · 2 次会议">');
    expect(calls).toContain("/regions?type=work-meeting");
  });

  it("answers a region name it does not know (part of one, traditional) with links to the regions it is part of", async () => {
    const response = await createWebApp(fakeApi(1))(get("/", "region=鼓樓&type=work-meeting"));
    expect(response.status).toBe(400);
    expect(String(response.body)).toContain(
      `<a href="/?region=${encodeURIComponent("南京市鼓楼区")}&amp;type=work-meeting">江苏省南京市鼓楼区</a>`,
    );
  });

  it("answers a missing record with a 404 page", async () => {
    expect((await createWebApp(fakeApi(1))(get("/meeting/rec_ffffffffffffffffffff"))).status).toBe(404);
  });

  it("serves no download from the pages' app, and no page from the downloads': each is its own function's", async () => {
    const calls: string[] = [];
    expect((await createWebApp(fakeApi(3, calls))(get("/download/meetings.csv"))).status).toBe(404);
    expect((await createDownloadApp(fakeApi(3, calls))(get("/", "region=钟楼区"))).status).toBe(404);
    expect((await createDownloadApp(fakeApi(3, calls))(get("/meeting/rec_1"))).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it("downloads every page of the result, not just the first", async () => {
    const calls: string[] = [];
    const response = await createDownloadApp(fakeApi(250, calls))(get("/download/meetings.jsonl", "region=钟楼区"));
    let text = "";
    for await (const chunk of response.body as AsyncIterable<string>) text += chunk;
    expect(text.trimEnd().split("\n")).toHaveLength(250);
    expect(calls.filter((c) => c.startsWith("/meetings?"))).toHaveLength(3);
  });

  it("in Lambda, streams a download past the old 5 MB cap whole: status and headers first, then every row", async () => {
    const { metadata, body } = await streamed(fakeApi(18_000), { httpMethod: "GET", path: "/download/meetings.jsonl" });
    expect(metadata).toMatchObject({ statusCode: 200, headers: { "Content-Type": expect.stringContaining("json") } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(5_000_000);
    const lines = body.trimEnd().split("\n");
    expect(lines).toHaveLength(18_000);
    expect(JSON.parse(lines.at(-1) ?? "")).toMatchObject({ title: "会议17999" });
  });

  it("in Lambda, answers HEAD with the status and headers and no body", async () => {
    const { metadata, body } = await streamed(fakeApi(3), { httpMethod: "HEAD", path: "/" });
    expect(metadata.statusCode).toBe(200);
    expect(body).toBe("");
  });

  it("in Lambda, fails the invocation when the API fails part way, so the stream is cut, not ended short", async () => {
    const failing: QueryApi = async (path, query = {}) =>
      query.cursor
        ? { status: 503, body: { error: { code: "unavailable", message: "busy" } } }
        : fakeApi(250)(path, query);
    await expect(streamed(failing, { httpMethod: "GET", path: "/download/meetings.csv" })).rejects.toThrow("busy");
  });
});

describe("the person page's co-attendees", () => {
  interface PersonApiOptions {
    /** the API's cursor on the last page too, leading to an empty page, as a page cut short by its budget may */
    cursorPastTheEnd?: boolean;
    /** the person's pages from this meeting on fail to read */
    pagesFailFrom?: number;
    /** these meetings' records fail to read */
    recordsFail?: ReadonlySet<number>;
  }

  /** An API for one person in `total` meetings, 100 a page, each with 甲 and, in the newest 10, 乙. */
  function personApi(total: number, reads: string[], options: PersonApiOptions = {}, pages: string[] = []): QueryApi {
    return async (path, query = {}) => {
      if (path.startsWith("/people/")) {
        pages.push(`limit=${query.limit}`);
        const start = Number(query.cursor ?? 0);
        if (options.pagesFailFrom !== undefined && start >= options.pagesFailFrom)
          return { status: 503, body: { error: { code: "unavailable", message: "busy" } } };
        const limit = Number(query.limit);
        const meetings = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => ({
          ...summary(start + i),
          sortDate: `2020-01-${String(28 - ((start + i) % 28)).padStart(2, "0")}`,
          date: null,
          roles: ["attendee"],
          titles: [],
        }));
        const more = options.cursorPastTheEnd ? start < total : start + limit < total;
        return {
          status: 200,
          body: {
            name: "李超鲲",
            posts: start === 0 ? [] : null,
            meetings,
            cursor: more ? String(start + limit) : null,
          },
        };
      }
      reads.push(path);
      const n = Number.parseInt(path.slice(-20), 16);
      if (options.recordsFail?.has(n)) return { status: 500, body: { error: { code: "internal", message: "x" } } };
      const attendees = [{ name: "李超鲲" }, { name: "甲" }, ...(n < 10 ? [{ name: "乙" }] : [])];
      return { status: 200, body: { meeting: { chair: null, attendees, observers: [] } } };
    };
  }

  async function personPageOf(total: number, options: PersonApiOptions = {}) {
    const reads: string[] = [];
    const pages: string[] = [];
    const response = await createWebApp(personApi(total, reads, options, pages))(get("/person/李超鲲"));
    return { page: String(response.body), reads, pages };
  }

  it("counts over every meeting when the person has fewer than the bound, across the API's pages, and says so", async () => {
    const reads: string[] = [];
    const page = String((await createWebApp(personApi(250, reads))(get("/person/李超鲲"))).body);
    expect(new Set(reads).size).toBe(250);
    expect(page).toContain("甲</a>：250 次");
    expect(page).toContain("乙</a>：10 次");
    expect(page).toContain("按此人全部 250 次会议（2020-01-01 至 2020-01-28）统计。");
  });

  it(`counts over the newest ${CO_ATTENDEE_MEETINGS} meetings only, and says that earlier ones are left out`, async () => {
    const reads: string[] = [];
    const page = String((await createWebApp(personApi(450, reads))(get("/person/李超鲲"))).body);
    expect(reads).toHaveLength(CO_ATTENDEE_MEETINGS);
    expect(page).toContain(`甲</a>：${CO_ATTENDEE_MEETINGS} 次`);
    expect(page).toContain(`按此人最近的 ${CO_ATTENDEE_MEETINGS} 次会议`);
    expect(page).toContain("更早的会议未计入");
  });

  it.each([
    [100, false],
    [100, true],
    [300, false],
    [300, true],
  ])(
    "counts all of exactly %i meetings and says so, even when the API's last cursor leads nowhere (%s)",
    async (total, cursorPastTheEnd) => {
      const { page, reads } = await personPageOf(total, { cursorPastTheEnd });
      expect(reads).toHaveLength(total);
      expect(page).toContain(`甲</a>：${total} 次`);
      expect(page).toContain(`按此人全部 ${total} 次会议（2020-01-01 至 2020-01-28）统计。`);
      expect(page).not.toContain("未计入");
      // the first page shows 100; "+" only when more really exist
      expect(page).toContain(`参加的会议（100${total > 100 ? "+" : ""}）`);
      expect(page).not.toContain('class="error"');
    },
  );

  it(`at exactly ${CO_ATTENDEE_MEETINGS} meetings, looks one meeting further, not a page, to know none is left out`, async () => {
    const { pages } = await personPageOf(CO_ATTENDEE_MEETINGS, { cursorPastTheEnd: true });
    expect(pages).toEqual(["limit=100", "limit=100", "limit=100", "limit=1"]);
  });

  it(`says earlier meetings are left out at ${CO_ATTENDEE_MEETINGS + 1}, having read one meeting past the bound`, async () => {
    const { page, reads, pages } = await personPageOf(CO_ATTENDEE_MEETINGS + 1);
    expect(reads).toHaveLength(CO_ATTENDEE_MEETINGS);
    expect(pages.at(-1)).toBe("limit=1");
    expect(page).toContain(
      `按此人最近的 ${CO_ATTENDEE_MEETINGS} 次会议（2020-01-01 至 2020-01-28）统计，更早的会议未计入。`,
    );
    expect(page).toContain(`参加的会议（100+）`);
    expect(page).not.toContain('class="error"');
  });

  it("reports a failed read of the person's later pages as an error to retry, not as meetings left out", async () => {
    const { page, reads } = await personPageOf(250, { pagesFailFrom: 200 });
    expect(reads).toHaveLength(200);
    expect(page).toContain("按已读到的此人最近 200 次会议（2020-01-01 至 2020-01-28）统计。");
    expect(page).toContain(
      '<p class="error" role="status">读取此人更早的会议时出错，这些会议未计入。统计不完整，请稍后刷新重试。</p>',
    );
    expect(page).not.toContain("更早的会议未计入");
  });

  it("reports records that failed to read as an error, and counts over the others", async () => {
    const { page } = await personPageOf(120, { recordsFail: new Set([3, 4]) });
    expect(page).toContain("甲</a>：118 次");
    expect(page).toContain("按此人全部 120 次会议中的 118 次");
    expect(page).toContain(
      '<p class="error" role="status">有 2 次会议的记录读取出错，未计入。统计不完整，请稍后刷新重试。</p>',
    );
  });
});
