import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { readPartition } from "../../../shared/query/read-partition";
import { RoundTripBudget } from "../../../shared/query/round-trip-budget";
import { mockedDocumentClient } from "./support/fake-index-table";

/**
 * readPartition against hand-written Query page sequences: what DynamoDB
 * does with Limit + FilterExpression, spelled out page by page.
 */

const client = mockedDocumentClient;

const item = (id: string, sk: string, extra: Record<string, unknown> = {}) => ({
  pk: "TYPE#work-meeting",
  sk,
  id,
  ...extra,
});
const filtered = { pk: "TYPE#work-meeting", dates: {}, filter: { type: "work-meeting" }, groupByMeeting: false };

describe("readPartition", () => {
  it("keeps querying past pages the filter emptied", async () => {
    const { ddb, mock } = client();
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: "TYPE#work-meeting", sk: "2022-05-01#rec_x" } })
      .resolvesOnce({ Items: [item("rec_a", "2022-03-01#rec_a")] });

    const read = await readPartition({ ddb, tableName: "t" }, filtered, { want: 5, budget: new RoundTripBudget(10) });

    expect(read.groups.map((g) => g.id)).toEqual(["rec_a"]);
    expect(read.outcome).toEqual({ kind: "ended" });
    const calls = mock.commandCalls(QueryCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: "TYPE#work-meeting", sk: "2022-05-01#rec_x" });
  });

  it("stops at one item past the page, without a further query", async () => {
    const { ddb, mock } = client();
    mock.on(QueryCommand).resolves({
      Items: [item("rec_a", "3#rec_a"), item("rec_b", "2#rec_b"), item("rec_c", "1#rec_c")],
      LastEvaluatedKey: { pk: "TYPE#work-meeting", sk: "1#rec_c" },
    });

    const read = await readPartition({ ddb, tableName: "t" }, filtered, { want: 2, budget: new RoundTripBudget(10) });

    expect(read.groups.map((g) => g.id)).toEqual(["rec_a", "rec_b"]);
    expect(read.outcome).toEqual({ kind: "full" });
    expect(mock.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it("asks for one item more than the page when nothing is filtered", async () => {
    const { ddb, mock } = client();
    mock.on(QueryCommand).resolves({ Items: [] });
    const unfiltered = { ...filtered, filter: undefined };
    await readPartition({ ddb, tableName: "t" }, unfiltered, { want: 7, budget: new RoundTripBudget(10) });
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ Limit: 8, ScanIndexForward: false });
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input.FilterExpression).toBeUndefined();
  });

  it("answers with what it has and where to resume when the budget runs out", async () => {
    const { ddb, mock } = client();
    mock
      .on(QueryCommand)
      .resolvesOnce({ Items: [item("rec_a", "9#rec_a")], LastEvaluatedKey: { pk: "TYPE#work-meeting", sk: "8#rec_z" } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: { pk: "TYPE#work-meeting", sk: "7#rec_y" } });

    const read = await readPartition({ ddb, tableName: "t" }, filtered, { want: 5, budget: new RoundTripBudget(2) });

    expect(read.groups.map((g) => g.id)).toEqual(["rec_a"]);
    expect(read.outcome).toEqual({ kind: "truncated", resume: { pk: "TYPE#work-meeting", sk: "7#rec_y" } });
    expect(mock.commandCalls(QueryCommand)).toHaveLength(2);
  });

  describe("on a person partition (one item per role)", () => {
    const person = { pk: "PERSON#李超鲲", dates: {}, groupByMeeting: true };
    const role = (id: string, date: string, r: string) => ({
      pk: "PERSON#李超鲲",
      sk: `${date}#${id}#${r}`,
      id,
      role: r,
    });

    it("merges the roles of one meeting split across two Query pages", async () => {
      const { ddb, mock } = client();
      mock
        .on(QueryCommand)
        .resolvesOnce({
          Items: [role("rec_a", "2022-02-01", "chair")],
          LastEvaluatedKey: { pk: "PERSON#李超鲲", sk: "2022-02-01#rec_a#chair" },
        })
        .resolvesOnce({ Items: [role("rec_a", "2022-02-01", "attendee"), role("rec_b", "2022-01-01", "mentioned")] });

      const read = await readPartition({ ddb, tableName: "t" }, person, { want: 5, budget: new RoundTripBudget(10) });

      expect(read.groups.map((g) => [g.id, g.items.map((i) => i.role)])).toEqual([
        ["rec_a", ["chair", "attendee"]],
        ["rec_b", ["mentioned"]],
      ]);
    });

    it("drops a meeting only partly read when the budget runs out, and resumes at its first role", async () => {
      const { ddb, mock } = client();
      mock.on(QueryCommand).resolvesOnce({
        Items: [role("rec_b", "2022-03-01", "attendee"), role("rec_a", "2022-02-01", "recorder")],
        LastEvaluatedKey: { pk: "PERSON#李超鲲", sk: "2022-02-01#rec_a#recorder" },
      });

      const read = await readPartition({ ddb, tableName: "t" }, person, { want: 5, budget: new RoundTripBudget(1) });

      expect(read.groups.map((g) => g.id)).toEqual(["rec_b"]);
      expect(read.outcome).toEqual({ kind: "truncated", resume: { pk: "PERSON#李超鲲", sk: "2022-02-01#rec_a#~" } });
    });
  });
});
