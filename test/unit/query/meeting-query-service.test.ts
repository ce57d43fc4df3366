import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { BadParameterError } from "../../../shared/errors";
import { choosePartition, listMeetings } from "../../../shared/query/meeting-query-service";
import { type MeetingQuery, parseMeetingQuery } from "../../../shared/query/parse-meeting-query";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { allPages, listDeps } from "./support/deps";
import { aRecord, GULOU_NANJING, itemsOf, JINTAN, ZHONGLOU } from "./support/records";

function query(parameters: Record<string, string>): MeetingQuery {
  return parseMeetingQuery(new Map(Object.entries(parameters)));
}

/** What a correct answer lists: the records, newest first (ties: higher id first, as sk sorts). */
function newestFirst(records: readonly MeetingRecord[]): string[] {
  const sortKey = (r: MeetingRecord) => `${r.meeting?.date ?? r.publishedDate ?? "0000-00-00"}#${r.id}`;
  return [...records].sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1)).map((r) => r.id);
}

async function ids(records: readonly MeetingRecord[], parameters: Record<string, string>) {
  const { deps } = listDeps(itemsOf(records));
  const page = await listMeetings(deps, query(parameters));
  return page.items.map((item) => item.id);
}

describe("choosePartition", () => {
  it("prefers person, then region, then type, else the list of meetings", () => {
    expect(choosePartition(query({ person: "李超鲲", region: "钟楼区", type: "work-meeting" }))).toMatchObject({
      pk: "PERSON#李超鲲",
      filter: { type: "work-meeting", region: { code: "320404" } },
      groupByMeeting: true,
    });
    expect(choosePartition(query({ region: "钟楼区", type: "work-meeting" }))).toMatchObject({
      pk: "REGION#320404",
      filter: { type: "work-meeting" },
    });
    expect(choosePartition(query({ type: "work-meeting", from: "2022-01-01" }))).toMatchObject({
      pk: "TYPE#work-meeting",
    });
    expect(choosePartition(query({ from: "2022-01-01" }))).toMatchObject({ pk: "LIST#meetings" });
  });

  it("reads the list of other records for kind=other, and filters the list of meetings for one kind", () => {
    expect(choosePartition(query({ kind: "other" }))).toMatchObject({ pk: "LIST#other" });
    expect(choosePartition(query({ kind: "news" }))).toMatchObject({
      pk: "LIST#meetings",
      filter: { kind: { kind: "news" } },
    });
  });
});

describe("listMeetings", () => {
  const zhonglou = aRecord({ n: 1, date: "2022-03-01", region: ZHONGLOU, type: "government-executive" });
  const jintan = aRecord({ n: 2, date: "2022-02-01", region: JINTAN, type: "work-meeting" });
  const nanjing = aRecord({ n: 3, date: "2022-01-01", region: GULOU_NANJING, type: "work-meeting" });
  const records = [zhonglou, jintan, nanjing];

  it("lists every meeting newest first without filters", async () => {
    expect(await ids(records, {})).toEqual([zhonglou.id, jintan.id, nanjing.id]);
  });

  it("answers summaries only, without keys or person attributes", async () => {
    const { deps } = listDeps(itemsOf([aRecord({ n: 9, chair: { name: "李超鲲", title: "区长" } })]));
    const page = await listMeetings(deps, query({ person: "李超鲲" }));
    expect(Object.keys(page.items[0] ?? {}).sort()).toEqual(
      [
        "chair",
        "date",
        "id",
        "kind",
        "meetingName",
        "meetingType",
        "regionCode",
        "regionName",
        "sortDate",
        "sourceUri",
        "title",
        "duplicateOf",
      ].sort(),
    );
    expect(page.items[0]).toMatchObject({
      chair: "李超鲲",
      regionName: "江苏省常州市钟楼区",
      meetingType: "government-executive",
    });
  });

  it("filters by county", async () => {
    expect(await ids(records, { region: "钟楼区" })).toEqual([zhonglou.id]);
  });

  it("filters by city, including its counties", async () => {
    expect(await ids(records, { region: "常州市" })).toEqual([zhonglou.id, jintan.id]);
  });

  it("filters by province code", async () => {
    expect(await ids(records, { region: "320000" })).toEqual([zhonglou.id, jintan.id, nanjing.id]);
  });

  it("filters by type", async () => {
    expect(await ids(records, { type: "work-meeting" })).toEqual([jintan.id, nanjing.id]);
  });

  it("filters by region and type together", async () => {
    expect(await ids(records, { region: "常州市", type: "work-meeting" })).toEqual([jintan.id]);
  });

  it("filters by dates, both ends inclusive", async () => {
    expect(await ids(records, { from: "2022-02-01", to: "2022-03-01" })).toEqual([zhonglou.id, jintan.id]);
    expect(await ids(records, { from: "2022-02-02" })).toEqual([zhonglou.id]);
    expect(await ids(records, { to: "2022-01-01" })).toEqual([nanjing.id]);
    expect(await ids(records, { type: "work-meeting", from: "2022-01-15", to: "2022-02-01" })).toEqual([jintan.id]);
  });

  it("sorts by the published date when the meeting date is unknown", async () => {
    const published = aRecord({ n: 4, date: null, publishedDate: "2022-02-15" });
    expect(await ids([...records, published], {})).toEqual([zhonglou.id, published.id, jintan.id, nanjing.id]);
    expect(await ids([...records, published], { from: "2022-02-10", to: "2022-02-20" })).toEqual([published.id]);
  });

  it("lists undated records last, and leaves them out of any date range", async () => {
    const undated = aRecord({ n: 5, date: null, publishedDate: null });
    expect(await ids([...records, undated], {})).toEqual([zhonglou.id, jintan.id, nanjing.id, undated.id]);
    expect(await ids([...records, undated], { region: "钟楼区" })).toEqual([zhonglou.id, undated.id]);
    expect(await ids([...records, undated], { region: "钟楼区", to: "2030-01-01" })).toEqual([zhonglou.id]);
    expect(await ids([...records, undated], { from: "2000-01-01" })).toEqual([zhonglou.id, jintan.id, nanjing.id]);
  });

  it("lists meetings of any age without a date filter", async () => {
    const old = aRecord({ n: 6, date: "1958-05-01" });
    expect(await ids([...records, old], {})).toEqual([zhonglou.id, jintan.id, nanjing.id, old.id]);
  });

  it("answers a date range reaching far past the data (to=2050-12-31, 0001-01-01 … 9999-12-31) in one Query", async () => {
    const ranges: Record<string, string>[] = [
      { to: "2050-12-31" },
      { from: "0001-01-01", to: "9999-12-31" },
      { from: "1900-01-01" },
    ];
    for (const range of ranges) {
      const { deps, mock } = listDeps(itemsOf(records));
      const page = await listMeetings(deps, query(range));
      expect(page.items.map((item) => item.id)).toEqual([zhonglou.id, jintan.id, nanjing.id]);
      expect(page.cursor).toBeNull();
      expect(mock.commandCalls(QueryCommand)).toHaveLength(1);
    }
  });

  it("costs one Query per page without filters, however sparse the months", async () => {
    // one meeting a year over 60 years: the old month walk probed some 720 months for these
    const sparse = Array.from({ length: 60 }, (_, i) => aRecord({ n: 500 + i, date: `${1965 + i}-06-01` }));
    const { deps, mock } = listDeps(itemsOf(sparse));
    const pages = await allPages((cursor) => listMeetings(deps, query({ limit: "20", ...(cursor ? { cursor } : {}) })));
    expect(pages.map((page) => page.length)).toEqual([20, 20, 20]);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(3);
  });

  describe("by kind", () => {
    const minutes = aRecord({ n: 20, date: "2022-05-01", kind: "minutes" });
    const news = aRecord({ n: 21, date: "2022-04-01", kind: "news", attendees: ["王伟"] });
    const notice = aRecord({
      n: 22,
      date: "2022-03-01",
      kind: "other",
      region: null,
      people: [{ name: "王伟", titles: [] }],
    });
    const kinds = [minutes, news, notice];

    it("lists meetings (minutes and news) by default, leaving kind other out", async () => {
      expect(await ids(kinds, {})).toEqual([minutes.id, news.id]);
      expect(await ids(kinds, { person: "王伟" })).toEqual([news.id]);
    });

    it("lists one kind on request", async () => {
      expect(await ids(kinds, { kind: "other" })).toEqual([notice.id]);
      expect(await ids(kinds, { kind: "news" })).toEqual([news.id]);
      expect(await ids(kinds, { kind: "minutes" })).toEqual([minutes.id]);
      expect(await ids(kinds, { kind: "other", person: "王伟" })).toEqual([notice.id]);
    });
  });

  describe("duplicates", () => {
    const first = aRecord({ n: 30, date: "2022-05-01", attendees: ["王伟"] });
    const copy = { ...aRecord({ n: 31, date: "2022-05-01", attendees: ["王伟"] }), duplicateOf: first.id };
    const both = [first, copy];

    it("are left out by default, in every partition", async () => {
      expect(await ids(both, {})).toEqual([first.id]);
      expect(await ids(both, { person: "王伟" })).toEqual([first.id]);
      expect(await ids(both, { region: "钟楼区" })).toEqual([first.id]);
      expect(await ids(both, { type: "government-executive" })).toEqual([first.id]);
    });

    it("are listed with includeDuplicates=true, naming the record they repeat", async () => {
      const { deps } = listDeps(itemsOf(both));
      const page = await listMeetings(deps, query({ includeDuplicates: "true" }));
      expect(page.items.map((item) => [item.id, item.duplicateOf])).toEqual([
        [copy.id, first.id],
        [first.id, null],
      ]);
    });

    it("do not let a cursor cross between the two views", async () => {
      const { deps } = listDeps(itemsOf(both));
      const page = await listMeetings(deps, query({ includeDuplicates: "true", limit: "1" }));
      await expect(listMeetings(deps, query({ limit: "1", cursor: page.cursor ?? "" }))).rejects.toThrow(
        "different query",
      );
    });
  });

  describe("by person", () => {
    const chairAndAttendee = aRecord({
      n: 10,
      date: "2022-03-01",
      region: ZHONGLOU,
      chair: { name: "李超鲲", title: "区长" },
      attendees: ["李超鲲", "王伟"],
    });
    const mentioned = aRecord({
      n: 11,
      date: "2022-02-01",
      region: JINTAN,
      type: "work-meeting",
      people: [{ name: "李超鲲", titles: [] }],
    });
    const elsewhere = aRecord({ n: 12, date: "2022-01-01", region: GULOU_NANJING, attendees: ["李超鲲"] });
    const someoneElse = aRecord({ n: 13, date: "2022-04-01", attendees: ["王伟"] });
    const people = [chairAndAttendee, mentioned, elsewhere, someoneElse];

    it("lists each meeting once however many roles the person had", async () => {
      expect(await ids(people, { person: "李超鲲" })).toEqual([chairAndAttendee.id, mentioned.id, elsewhere.id]);
    });

    it("reads the person's partition, ignoring whitespace in the name", async () => {
      const { deps, mock } = listDeps(itemsOf(people));
      await listMeetings(deps, query({ person: "李 超鲲" }));
      expect(mock.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues?.[":pk"]).toBe(
        "PERSON#李超鲲",
      );
    });

    it("filters the person's meetings by city or province code prefix, and county by whole code", async () => {
      expect(await ids(people, { person: "李超鲲", region: "常州市" })).toEqual([chairAndAttendee.id, mentioned.id]);
      expect(await ids(people, { person: "李超鲲", region: "江苏省" })).toEqual([
        chairAndAttendee.id,
        mentioned.id,
        elsewhere.id,
      ]);
      expect(await ids(people, { person: "李超鲲", region: "钟楼区" })).toEqual([chairAndAttendee.id]);
    });

    it("filters the person's meetings by type and dates", async () => {
      expect(await ids(people, { person: "李超鲲", type: "work-meeting" })).toEqual([mentioned.id]);
      expect(await ids(people, { person: "李超鲲", to: "2022-02-01" })).toEqual([mentioned.id, elsewhere.id]);
    });

    it("uses a begins_with filter on the summary's region code for a city", async () => {
      const { deps, mock } = listDeps(itemsOf(people));
      await listMeetings(deps, query({ person: "李超鲲", region: "常州市" }));
      const input = mock.commandCalls(QueryCommand)[0]?.args[0].input;
      expect(input?.FilterExpression).toContain("begins_with(#regionCode, :region)");
      expect(input?.ExpressionAttributeValues?.[":region"]).toBe("3204");
    });
  });

  describe("pagination", () => {
    // 60 meetings over 2021-11 … 2022-04 (several per day, some days empty), half of them work meetings,
    // a third chaired by 李超鲲 who also attends every one he chairs, plus two undated.
    const dayOf = (i: number) => String(1 + ((i * 7) % 27)).padStart(2, "0");
    const many: MeetingRecord[] = Array.from({ length: 60 }, (_, i) =>
      aRecord({
        n: 100 + i,
        date: i % 8 === 3 ? `2021-11-${dayOf(i)}` : `2022-0${1 + (i % 4)}-${dayOf(i)}`,
        type: i % 2 === 0 ? "work-meeting" : "government-executive",
        region: i % 3 === 0 ? JINTAN : ZHONGLOU,
        chair: i % 3 === 1 ? { name: "李超鲲", title: "区长" } : null,
        attendees: i % 3 === 1 ? ["李超鲲", "王伟"] : ["王伟"],
      }),
    ).concat([aRecord({ n: 900, date: null }), aRecord({ n: 901, date: null, region: JINTAN, attendees: ["王伟"] })]);
    const attends = (r: MeetingRecord, name: string) => r.meeting?.attendees.some((a) => a.name === name) ?? false;

    const cases: [string, Record<string, string>, (r: MeetingRecord) => boolean][] = [
      ["the list of meetings", {}, () => true],
      [
        "a date range of the list",
        { from: "2021-12-01", to: "2022-03-15" },
        (r) => (r.meeting?.date ?? "") >= "2021-12-01" && (r.meeting?.date ?? "9") <= "2022-03-15",
      ],
      ["a region partition", { region: "常州市" }, () => true],
      [
        "a filtered region partition",
        { region: "钟楼区", type: "work-meeting" },
        (r) => r.region?.code === "320404" && r.meeting?.type === "work-meeting",
      ],
      ["a type partition", { type: "government-executive" }, (r) => r.meeting?.type === "government-executive"],
      ["a person partition (two items per chaired meeting)", { person: "李超鲲" }, (r) => attends(r, "李超鲲")],
      [
        "a filtered person partition",
        { person: "王伟", region: "金坛区" },
        (r) => attends(r, "王伟") && r.region?.code === "320413",
      ],
    ];

    for (const [name, filters, keep] of cases) {
      it.each([1, 3, 7, 20])(`reaches the end of ${name} exactly, %i per page`, async (limit) => {
        const { deps } = listDeps(itemsOf(many), { pageCap: 4 });
        const pages = await allPages((cursor) =>
          listMeetings(deps, query({ ...filters, limit: String(limit), ...(cursor ? { cursor } : {}) })),
        );
        const listed = pages.flat().map((item) => item.id);
        expect(listed).toEqual(newestFirst(many.filter(keep)));
        for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
      });
    }

    it("gives a null cursor on a last page that is exactly full", async () => {
      const { deps } = listDeps(itemsOf(records));
      const page = await listMeetings(deps, query({ limit: "3" }));
      expect(page.items).toHaveLength(3);
      expect(page.cursor).toBeNull();
    });

    it("answers a short page with a cursor when a sparse filter exhausts the round-trip budget, and resumes exactly", async () => {
      const sparse = [
        aRecord({ n: 2000, date: "2022-06-01", type: "work-meeting" }),
        ...Array.from({ length: 300 }, (_, i) =>
          aRecord({ n: 2100 + i, date: "2022-05-01", type: "government-executive" }),
        ),
        aRecord({ n: 2001, date: "2022-04-01", type: "work-meeting" }),
      ];
      // 4 items per Query response: 300 non-matching items need 75 round trips, past the budget of 30.
      const { deps } = listDeps(itemsOf(sparse), { pageCap: 4 });
      const pages = await allPages((cursor) =>
        listMeetings(
          deps,
          query({ region: "钟楼区", type: "work-meeting", limit: "5", ...(cursor ? { cursor } : {}) }),
        ),
      );
      expect(pages.length).toBeGreaterThan(1);
      expect(pages[0]?.length).toBeLessThan(5);
      expect(pages.flat().map((item) => item.id)).toEqual([sparse[0]?.id, sparse[301]?.id]);
    });

    it("rejects a cursor from another query", async () => {
      const { deps } = listDeps(itemsOf(many));
      const first = await listMeetings(deps, query({ region: "钟楼区", limit: "2" }));
      expect(first.cursor).not.toBeNull();
      await expect(
        listMeetings(deps, query({ region: "金坛区", limit: "2", cursor: first.cursor ?? "" })),
      ).rejects.toThrow(BadParameterError);
      await expect(
        listMeetings(deps, query({ region: "钟楼区", type: "work-meeting", cursor: first.cursor ?? "" })),
      ).rejects.toThrow("different query");
    });

    it("accepts the same query under another spelling of the region and another page size", async () => {
      const { deps } = listDeps(itemsOf(many));
      const first = await listMeetings(deps, query({ region: "钟楼区", limit: "2" }));
      const second = await listMeetings(deps, query({ region: "320404", limit: "5", cursor: first.cursor ?? "" }));
      expect(second.items).toHaveLength(5);
      expect(second.items.map((i) => i.id)).not.toContain(first.items[0]?.id);
    });
  });
});
