import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { TransientError } from "../../../shared/errors";
import { batchWrite } from "../../../shared/storage/batch-write";
import { storeHarness } from "./support/store-harness";

const { ddbMock, deps } = storeHarness();
const batchDeps = { ...deps, sleep: async () => {} };

function keysFor(count: number) {
  return Array.from({ length: count }, (_, i) => ({ pk: `P#${i}`, sk: "S" }));
}

beforeEach(() => ddbMock.reset());

describe("batchWrite", () => {
  it("sends at most 25 requests per call", async () => {
    ddbMock.on(BatchWriteCommand).resolves({});

    await batchWrite(batchDeps, [], keysFor(60));

    expect(ddbMock.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems?.docket?.length)).toEqual([
      25, 25, 10,
    ]);
  });

  it("retries the requests DynamoDB left unprocessed", async () => {
    const [first] = keysFor(1);
    ddbMock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { docket: [{ DeleteRequest: { Key: first } }] } })
      .resolves({});

    await batchWrite(batchDeps, [], keysFor(3));

    expect(ddbMock.commandCalls(BatchWriteCommand)[1]?.args[0].input.RequestItems?.docket).toEqual([
      { DeleteRequest: { Key: first } },
    ]);
  });

  it("fails with a retryable error when requests stay unprocessed", async () => {
    ddbMock
      .on(BatchWriteCommand)
      .resolves({ UnprocessedItems: { docket: [{ DeleteRequest: { Key: { pk: "P", sk: "S" } } }] } });

    await expect(batchWrite(batchDeps, [], keysFor(1))).rejects.toBeInstanceOf(TransientError);
  });
});
