import { describe, expect, it } from "vitest";
import {
  indexItems,
  MAX_INDEXED_NAME_CHARS,
  MAX_PERSON_ITEMS,
  personIndexWarning,
  regionLevels,
} from "../../../shared/storage/index-items";
import type { IndexItem } from "../../../shared/storage/item-keys";
import { MAX_SUMMARY_TEXT_CHARS } from "../../../shared/storage/meeting-summary";
import { aMeetingRecord } from "./support/meeting-record";

const ID = "rec_0123456789abcdef0123";

function pks(items: IndexItem[], prefix: string): string[] {
  return items.filter((item) => item.pk.startsWith(prefix)).map((item) => item.pk);
}

function personItems(items: IndexItem[]) {
  return items
    .filter((item) => item.pk.startsWith("PERSON#"))
    .map((item) => ({ pk: item.pk, sk: item.sk, role: item.role, titles: item.personTitles }));
}

describe("indexItems", () => {
  it("indexes the region at county, city and province level", () => {
    expect(pks(indexItems(aMeetingRecord()), "REGION#")).toEqual(["REGION#320404", "REGION#320400", "REGION#320000"]);
  });

  it("indexes a city-level region at city and province level only", () => {
    const record = aMeetingRecord({ region: { code: "320400", province: "江苏省", city: "常州市", county: null } });

    expect(pks(indexItems(record), "REGION#")).toEqual(["REGION#320400", "REGION#320000"]);
  });

  it("writes no region items for a record without a region", () => {
    expect(pks(indexItems(aMeetingRecord({ region: null })), "REGION#")).toEqual([]);
  });

  it("indexes the meeting type", () => {
    expect(pks(indexItems(aMeetingRecord()), "TYPE#")).toEqual(["TYPE#government-executive"]);
  });

  it("puts a record without a meeting under TYPE#none", () => {
    expect(pks(indexItems(aMeetingRecord({ kind: "other", meeting: null })), "TYPE#")).toEqual(["TYPE#none"]);
  });

  it("lists minutes and news under LIST#meetings, sorted by meeting date", () => {
    expect(indexItems(aMeetingRecord({ kind: "news" })).find((item) => item.pk.startsWith("LIST#"))).toMatchObject({
      pk: "LIST#meetings",
      sk: `2022-01-26#${ID}`,
    });
  });

  it("lists kind other under LIST#other, by the published date", () => {
    const record = aMeetingRecord({ kind: "other", meeting: null, publishedDate: "2021-12-30" });

    expect(pks(indexItems(record), "LIST#")).toEqual(["LIST#other"]);
    expect(indexItems(record).find((item) => item.pk === "LIST#other")?.sk).toBe(`2021-12-30#${ID}`);
  });

  it("sorts a record with no date at all as 0000-00-00, after every dated one", () => {
    const items = indexItems(aMeetingRecord({ meeting: { date: null }, publishedDate: null }));

    expect(items.find((item) => item.pk === "LIST#meetings")?.sk).toBe(`0000-00-00#${ID}`);
  });

  it("marks every item of a duplicate with the record it repeats, and leaves the mark off the first", () => {
    const first = indexItems(aMeetingRecord());
    const copy = indexItems(aMeetingRecord({ duplicateOf: "rec_ffffffffffffffffffff" }));

    expect(first.every((item) => !("duplicateOf" in item))).toBe(true);
    expect(copy.every((item) => item.duplicateOf === "rec_ffffffffffffffffffff")).toBe(true);
  });

  describe("bounds (every item fits DynamoDB, whatever the page holds)", () => {
    const crowd = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `代表${i}`, note: null }));

    it(`indexes the first names up to ${MAX_PERSON_ITEMS} person items, and warns of the rest`, () => {
      const record = aMeetingRecord({
        people: [],
        meeting: { chair: null, recorder: null, observers: [], attendees: crowd(50_000) },
      });

      const people = indexItems(record).filter((item) => item.pk.startsWith("PERSON#"));

      expect(people).toHaveLength(MAX_PERSON_ITEMS);
      expect(people[0]?.pk).toBe("PERSON#代表0");
      expect(personIndexWarning(record)).toBe(
        `person index: ${50_000 - MAX_PERSON_ITEMS} names after the first ${MAX_PERSON_ITEMS} are not indexed; a search by person does not find this record under them`,
      );
    });

    it("keeps all of a name's roles or none", () => {
      const attendees = crowd(MAX_PERSON_ITEMS);
      const record = aMeetingRecord({
        people: [],
        meeting: { chair: { name: "代表0", title: null }, recorder: null, observers: [], attendees },
      });

      const roles = indexItems(record)
        .filter((item) => item.pk.startsWith("PERSON#"))
        .map((item) => item.sk.split("#")[2]);

      expect(roles.filter((role) => role === "chair")).toHaveLength(1);
      expect(roles).toHaveLength(MAX_PERSON_ITEMS);
      expect(personIndexWarning(record)).toContain("1 names after the first");
    });

    it(`does not index a name longer than ${MAX_INDEXED_NAME_CHARS} characters`, () => {
      const long = "名".repeat(MAX_INDEXED_NAME_CHARS + 1);
      const record = aMeetingRecord({ meeting: { attendees: [{ name: long, note: null }] } });

      expect(pks(indexItems(record), "PERSON#")).not.toContain(`PERSON#${long}`);
      expect(personIndexWarning(record)).toContain(`1 names longer than ${MAX_INDEXED_NAME_CHARS} characters`);
    });

    it("has no warning when every name is indexed", () => {
      expect(personIndexWarning(aMeetingRecord())).toBeNull();
    });

    it("clips a huge title in the summary every item repeats", () => {
      const items = indexItems(aMeetingRecord({ title: "题".repeat(200_000) }));

      expect(items.every((item) => (item.title ?? "").length <= MAX_SUMMARY_TEXT_CHARS)).toBe(true);
    });
  });

  it("sorts dated items by meeting date then id", () => {
    expect(indexItems(aMeetingRecord()).find((item) => item.pk === "TYPE#government-executive")?.sk).toBe(
      `2022-01-26#${ID}`,
    );
  });

  it("writes one person item per role, with the person's titles, and the chair's title for the chair", () => {
    expect(personItems(indexItems(aMeetingRecord()))).toEqual([
      { pk: "PERSON#李超鲲", sk: `2022-01-26#${ID}#chair`, role: "chair", titles: ["区委副书记", "区长"] },
      { pk: "PERSON#李超鲲", sk: `2022-01-26#${ID}#attendee`, role: "attendee", titles: ["区委副书记", "区长"] },
      { pk: "PERSON#曹雷", sk: `2022-01-26#${ID}#attendee`, role: "attendee", titles: ["副区长"] },
      { pk: "PERSON#包建芬", sk: `2022-01-26#${ID}#observer`, role: "observer", titles: [] },
      { pk: "PERSON#时以亮", sk: `2022-01-26#${ID}#recorder`, role: "recorder", titles: [] },
      { pk: "PERSON#王敏", sk: `2022-01-26#${ID}#mentioned`, role: "mentioned", titles: ["市长"] },
    ]);
  });

  it("marks people of a page without a meeting as mentioned", () => {
    const roles = personItems(indexItems(aMeetingRecord({ kind: "other", meeting: null }))).map((item) => item.role);

    expect(roles).toEqual(["mentioned", "mentioned", "mentioned"]);
  });

  it("writes a person listed twice in one role once", () => {
    const record = aMeetingRecord({
      meeting: {
        attendees: [
          { name: "曹雷", note: null },
          { name: "曹雷", note: "重复" },
        ],
      },
    });

    expect(personItems(indexItems(record)).filter((item) => item.pk === "PERSON#曹雷")).toHaveLength(1);
  });

  it("carries the meeting summary on every item", () => {
    const typeItem = indexItems(aMeetingRecord()).find((item) => item.pk.startsWith("TYPE#"));

    expect(typeItem).toEqual({
      pk: "TYPE#government-executive",
      sk: `2022-01-26#${ID}`,
      id: ID,
      kind: "minutes",
      title: "钟楼区政府2022年度第1次常务会议纪要",
      date: "2022-01-26",
      sortDate: "2022-01-26",
      meetingType: "government-executive",
      meetingName: "区政府2022年度第1次常务会议",
      regionCode: "320404",
      regionName: "江苏省常州市钟楼区",
      chair: "李超鲲",
      sourceUri: "s3://raw-bucket/raw/zhonglou-2022-1.html",
    });
  });

  it("produces no two items with the same key", () => {
    const items = indexItems(aMeetingRecord());

    expect(new Set(items.map((item) => `${item.pk}|${item.sk}`)).size).toBe(items.length);
  });
});

describe("regionLevels", () => {
  it("keeps a province code to itself", () => {
    expect(regionLevels("320000")).toEqual(["320000"]);
  });
});
