import { describe, expect, it } from "vitest";
import { agendaItemSchema } from "../../../shared/record/record-schema";

/** An item as stored before decisionText was added to the record. */
const item = {
  seq: 2,
  actions: ["听取"],
  subject: "区审计局的汇报",
  documents: [],
  proposedBy: [],
  decision: "同意",
  text: "",
};

describe("agenda item schema", () => {
  it("keeps the sentence in which the meeting decides", () => {
    const decisionText = "会议同意区审计局的整改意见。";
    expect(agendaItemSchema.parse({ ...item, decisionText }).decisionText).toBe(decisionText);
  });

  it("reads an item stored before decisionText existed with decisionText null", () => {
    expect(agendaItemSchema.parse(item)).toEqual({ ...item, decisionText: null });
  });

  it.each(["原则同意", "同意", "原则通过", "通过", null])("accepts the decision %s", (decision) => {
    expect(agendaItemSchema.safeParse({ ...item, decision, decisionText: null }).success).toBe(true);
  });

  it("rejects a decision record.md does not list", () => {
    expect(agendaItemSchema.safeParse({ ...item, decision: "否决", decisionText: null }).success).toBe(false);
  });
});
