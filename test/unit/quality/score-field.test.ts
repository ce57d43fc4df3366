import { describe, expect, it } from "vitest";
import type { MeetingRecord } from "../../../shared/record/record-schema";
import { familyOf, scoreField } from "../../quality/score-field";

/** The golden comparator scores as the team's score.mjs does; these pin its rules. */

const agendaItem = (over: Record<string, unknown>) => ({
  seq: 1,
  actions: [],
  subject: "",
  documents: [],
  proposedBy: [],
  decision: null,
  decisionText: null,
  text: "",
  ...over,
});

const record = (over: Record<string, unknown> = {}) =>
  ({
    title: "区政府 第1次 常务会议",
    body: "会议指出,要抓好落实。",
    people: [{ name: "李超鲲", titles: ["区长", "区委副书记"] }],
    source: { encoding: "gb18030" },
    meeting: {
      name: "区政府第1次常务会议",
      attendees: [
        { name: "李超鲲", note: null },
        { name: "曹雷", note: null },
        { name: "王明", note: null },
      ],
      observers: [{ name: "包建芬", note: "区人大代表" }],
      agenda: [agendaItem({ actions: ["审议"], decision: "原则同意" }), agendaItem({ seq: 2, actions: ["听取"] })],
    },
    ...over,
  }) as unknown as MeetingRecord;

describe("scoreField", () => {
  it("compares strings after NFKC with whitespace removed, 区政府 第1次 = 区政府第１次", () => {
    expect(scoreField("title", "区政府第１次常务会议", record())).toBe(1);
  });

  it("scores name lists by F1: 2 of 3 found, 1 extra → 2/3", () => {
    expect(scoreField("meeting.attendees", ["李超鲲", "曹雷", "赵六"], record())).toBeCloseTo(2 / 3);
  });

  it("gives an empty expected list against an empty list full marks", () => {
    expect(scoreField("meeting.observers", [], record({ meeting: { attendees: [], observers: [], agenda: [] } }))).toBe(
      1,
    );
  });

  it("scores agenda lists item by item over the longer list", () => {
    expect(scoreField("meeting.agendaDecisions", ["原则同意"], record())).toBe(0.5);
    expect(scoreField("meeting.agendaActions", [["审议"], ["听取"]], record())).toBe(1);
  });

  it("requires every listed post of a person, others may be there", () => {
    expect(scoreField("people", { 李超鲲: ["区长"] }, record())).toBe(1);
    expect(scoreField("people", { 李超鲲: ["区长", "书记"] }, record())).toBe(0);
  });

  it("reads observer notes by name", () => {
    expect(scoreField("meeting.observerNotes", { 包建芬: "区人大代表" }, record())).toBe(1);
  });

  it("groups GBK, GB2312 and GB18030 as one encoding", () => {
    expect(scoreField("source.encoding", "gbk", record())).toBe(1);
  });

  it("checks text that must stay out of the body", () => {
    expect(scoreField("bodyExcludes", ["责任编辑", "抓好"], record())).toBe(0.5);
  });

  it("puts keys in score.mjs's families", () => {
    expect(
      ["meeting.agendaCount", "meeting.attendeesInclude", "meeting.chair.name", "region.code", "people"].map(familyOf),
    ).toEqual(["agenda", "participants", "meeting", "region", "people"]);
  });
});
