import { describe, expect, it } from "vitest";
import { BadParameterError, NotFoundError } from "../../../shared/errors";
import { listMeetings } from "../../../shared/query/meeting-query-service";
import { getPerson } from "../../../shared/query/people-service";
import { allPages, listDeps } from "./support/deps";
import { aRecord, itemsOf } from "./support/records";

const chaired = aRecord({
  n: 1,
  date: "2023-03-01",
  chair: { name: "李超鲲", title: "区委书记" },
  attendees: ["李超鲲"],
  people: [{ name: "李超鲲", titles: ["区委书记"] }],
});
const attended = aRecord({
  n: 2,
  date: "2022-06-01",
  attendees: ["李超鲲"],
  people: [{ name: "李超鲲", titles: ["区长"] }],
});
const mentioned = aRecord({ n: 3, date: "2021-01-10", people: [{ name: "李超鲲", titles: ["区长"] }] });
const records = [chaired, attended, mentioned, aRecord({ n: 4, attendees: ["王伟"] })];

describe("getPerson", () => {
  it("lists the person's meetings newest first, each once, with every role and title", async () => {
    const { deps } = listDeps(itemsOf(records));
    const page = await getPerson(deps, { name: "李超鲲", limit: 20 });
    expect(page.meetings.map((m) => [m.id, m.roles, m.titles])).toEqual([
      [chaired.id, ["chair", "attendee"], ["区委书记"]],
      [attended.id, ["attendee"], ["区长"]],
      [mentioned.id, ["mentioned"], ["区长"]],
    ]);
    expect(page.meetings[0]).toMatchObject({ chair: "李超鲲", sortDate: "2023-03-01", regionCode: "320404" });
    expect(page.cursor).toBeNull();
  });

  it("gives the person's posts over time on the first page", async () => {
    const { deps } = listDeps(itemsOf(records));
    const page = await getPerson(deps, { name: "李超鲲", limit: 1 });
    expect(page.name).toBe("李超鲲");
    expect(page.posts).toEqual([
      { title: "区长", firstSeen: "2021-01-10", lastSeen: "2022-06-01" },
      { title: "区委书记", firstSeen: "2023-03-01", lastSeen: "2023-03-01" },
    ]);
  });

  it("pages through the meetings exactly, with posts on the first page only", async () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      aRecord({
        n: 100 + i,
        date: `2022-01-${String(1 + (i % 28)).padStart(2, "0")}`,
        chair: { name: "李超鲲", title: null },
        attendees: ["李超鲲"],
      }),
    );
    const { deps } = listDeps(itemsOf(many), { pageCap: 3 });
    const posts: unknown[] = [];
    const pages = await allPages(async (cursor) => {
      const page = await getPerson(deps, { name: "李超鲲", limit: 4, ...(cursor ? { cursor } : {}) });
      posts.push(page.posts);
      return { items: page.meetings, cursor: page.cursor };
    });
    const listed = pages.flat();
    expect(listed.map((m) => m.id)).toEqual(
      [...many].sort((a, b) => (`${a.meeting?.date}#${a.id}` < `${b.meeting?.date}#${b.id}` ? 1 : -1)).map((r) => r.id),
    );
    expect(listed.every((m) => m.roles.join() === "chair,attendee")).toBe(true);
    expect(posts[0]).toEqual([]);
    expect(posts.slice(1).every((p) => p === null)).toBe(true);
  });

  it("leaves out a page stored again under another key (duplicateOf), from the meetings and the posts, as GET /meetings does", async () => {
    const copy = {
      ...aRecord({ n: 5, date: "2024-01-01", attendees: ["李超鲲"], people: [{ name: "李超鲲", titles: ["副区长"] }] }),
      duplicateOf: chaired.id,
    };
    const { deps } = listDeps(itemsOf([...records, copy]));

    const page = await getPerson(deps, { name: "李超鲲", limit: 20 });

    expect(page.meetings.map((m) => m.id)).toEqual([chaired.id, attended.id, mentioned.id]);
    expect(page.posts?.map((post) => post.title)).not.toContain("副区长");
  });

  it("is a NotFoundError when nobody of that name appears anywhere", async () => {
    const { deps } = listDeps(itemsOf(records));
    await expect(getPerson(deps, { name: "张三", limit: 20 })).rejects.toThrow(NotFoundError);
  });

  it("rejects a cursor from GET /meetings?person=…", async () => {
    const { deps } = listDeps(itemsOf(records));
    const list = await listMeetings(deps, { person: "李超鲲", limit: 1, kind: "meetings", includeDuplicates: false });
    await expect(getPerson(deps, { name: "李超鲲", limit: 1, cursor: list.cursor ?? "" })).rejects.toThrow(
      BadParameterError,
    );
  });

  it("rejects a cursor for another person", async () => {
    const { deps } = listDeps(itemsOf([...records, aRecord({ n: 5, attendees: ["王伟"] })]));
    const first = await getPerson(deps, { name: "王伟", limit: 1 });
    await expect(getPerson(deps, { name: "李超鲲", limit: 1, cursor: first.cursor ?? "" })).rejects.toThrow(
      "different query",
    );
  });
});
