import { describe, expect, it } from "vitest";
import { indexItems, regionLevels } from "../../../shared/storage/index-items";
import type { IndexItem } from "../../../shared/storage/item-keys";
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

  it("indexes the month of the meeting date", () => {
    expect(pks(indexItems(aMeetingRecord()), "MONTH#")).toEqual(["MONTH#2022-01"]);
  });

  it("falls back to the published date's month when the meeting has no date", () => {
    const record = aMeetingRecord({ meeting: { date: null }, publishedDate: "2021-12-30" });

    expect(pks(indexItems(record), "MONTH#")).toEqual(["MONTH#2021-12"]);
  });

  it("puts a record with no date at all under MONTH#undated, sorting as 0000-00-00", () => {
    const items = indexItems(aMeetingRecord({ meeting: { date: null }, publishedDate: null }));

    expect(items.find((item) => item.pk === "MONTH#undated")?.sk).toBe(`0000-00-00#${ID}`);
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
