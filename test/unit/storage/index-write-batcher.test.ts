import { BatchWriteCommand, type BatchWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inFlightRecords } from "../../../shared/aws/in-flight-records";
import { TransientError } from "../../../shared/errors";
import type { WriteRequest } from "../../../shared/storage/batch-write";
import { indexWriteBatcher, MAX_INDEX_WAIT_MS } from "../../../shared/storage/index-write-batcher";
import { storeHarness } from "./support/store-harness";

const { ddbMock, deps } = storeHarness();
const writerDeps = { ...deps, sleep: async () => {} };

beforeEach(() => {
  ddbMock.reset();
  ddbMock.on(BatchWriteCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
});

/** `count` index items of record `name`, each in a partition of its own (the sort key carries the record). */
function itemsOf(name: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ pk: `REGION#${i}`, sk: `2024-05-01#${name}` }));
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function requestsOf(input: Partial<BatchWriteCommandInput>): WriteRequest[] {
  return (input.RequestItems?.docket ?? []) as WriteRequest[];
}

/** The records (sort keys) written by each BatchWriteItem call, one entry per request. */
function callsBySk() {
  return ddbMock
    .commandCalls(BatchWriteCommand)
    .map((call) =>
      requestsOf(call.args[0].input).map((request) =>
        "PutRequest" in request ? String(request.PutRequest.Item.sk) : request.DeleteRequest.Key.sk,
      ),
    );
}

const holds = (name: string) => (request: WriteRequest) =>
  ("PutRequest" in request ? String(request.PutRequest.Item.sk) : request.DeleteRequest.Key.sk).endsWith(name);

/** Lets every settled promise's callbacks run (the mock answers within a few turns). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("indexWriteBatcher", () => {
  it("writes two records' index items in one BatchWriteItem, puts and deletes alike", async () => {
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);

    await Promise.all([
      records.track(() => writer.write(itemsOf("a", 5), [])),
      records.track(() => writer.write(itemsOf("b", 4), [{ pk: "TYPE#old", sk: "2023-01-01#b" }])),
    ]);

    expect(callsBySk()).toEqual([[...Array(5).fill("2024-05-01#a"), ...Array(4).fill("2024-05-01#b"), "2023-01-01#b"]]);
    expect(requestsOf(ddbMock.commandCalls(BatchWriteCommand)[0]?.args[0].input ?? {}).at(-1)).toEqual({
      DeleteRequest: { Key: { pk: "TYPE#old", sk: "2023-01-01#b" } },
    });
  });

  it("sends a record with nothing to write on its way without a call", async () => {
    const writer = indexWriteBatcher(writerDeps);

    await writer.write([], []);

    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it("splits 30 requests waiting at once into calls of 25 and 5, in order", async () => {
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);

    await Promise.all(["a", "b", "c"].map((name) => records.track(() => writer.write(itemsOf(name, 10), []))));

    expect(callsBySk().map((call) => call.length)).toEqual([25, 5]);
    expect(callsBySk().flat()).toEqual(["a", "b", "c"].flatMap((name) => Array(10).fill(`2024-05-01#${name}`)));
  });

  it("sends 25 as soon as they wait, the rest waiting on; a record spanning both resolves once both are written", async () => {
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const fourthReady = deferred();
    let spanning = false;

    const writes = ["a", "b", "c"].map((name) => records.track(() => writer.write(itemsOf(name, 10), [])));
    void writes[2]?.then(() => {
      spanning = true;
    });
    const fourth = records.track(async () => {
      await fourthReady.promise;
      await writer.write(itemsOf("d", 3), []);
    });
    await settle();

    // 30 wait, one record is still running: a full call goes, the last 5 of c wait for d
    expect(callsBySk().map((call) => call.length)).toEqual([25]);
    expect(spanning).toBe(false);

    fourthReady.resolve();
    await Promise.all([...writes, fourth]);

    expect(callsBySk().map((call) => call.length)).toEqual([25, 8]);
    expect(callsBySk()[1]).toEqual([...Array(5).fill("2024-05-01#c"), ...Array(3).fill("2024-05-01#d")]);
    expect(spanning).toBe(true);
  });

  it("retries the requests DynamoDB leaves unprocessed, and fails only the record whose requests stay so", async () => {
    ddbMock.on(BatchWriteCommand).callsFake(async (input: BatchWriteCommandInput) => ({
      UnprocessedItems: { docket: requestsOf(input).filter(holds("#b")) },
    }));
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);

    const settled = await Promise.allSettled(
      ["a", "b", "c"].map((name) => records.track(() => writer.write(itemsOf(name, 3), []))),
    );

    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const failed = settled[1];
    expect(failed?.status === "rejected" && failed.reason).toBeInstanceOf(TransientError);
    // the first call, then b's 3 requests alone, up to 5 attempts in all
    expect(callsBySk().map((call) => call.length)).toEqual([9, 3, 3, 3, 3]);
  });

  it("resolves a record whose unprocessed requests are written on a retry", async () => {
    ddbMock
      .on(BatchWriteCommand)
      .callsFakeOnce(async (input: BatchWriteCommandInput) => ({
        UnprocessedItems: { docket: requestsOf(input).filter(holds("#a")).slice(0, 1) },
      }))
      .resolves({});
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);

    await Promise.all(["a", "b"].map((name) => records.track(() => writer.write(itemsOf(name, 2), []))));

    expect(callsBySk()).toEqual([["2024-05-01#a", "2024-05-01#a", "2024-05-01#b", "2024-05-01#b"], ["2024-05-01#a"]]);
  });

  it("fails only the records with requests in a call that throws, once none of their calls is still out", async () => {
    const secondCall = deferred<Record<string, never>>();
    ddbMock
      .on(BatchWriteCommand)
      .rejectsOnce(new Error("throttled past the SDK's retries"))
      .callsFake(() => secondCall.promise);
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const outcomes: string[] = [];

    // calls: a's 20 with b's first 5, then b's last 5 with c's 10
    const writes = (
      [
        ["a", 20],
        ["b", 10],
        ["c", 10],
      ] as const
    ).map(([name, count]) =>
      records.track(() =>
        writer.write(itemsOf(name, count), []).then(
          () => outcomes.push(`${name} written`),
          (error: Error) => outcomes.push(`${name} failed: ${error.message}`),
        ),
      ),
    );
    await settle();

    // b's first call failed, its second is still out: b is not failed yet (its mark must not be released under a write)
    expect(outcomes).toEqual(["a failed: throttled past the SDK's retries"]);

    secondCall.resolve({});
    await Promise.all(writes);

    expect(outcomes.sort()).toEqual([
      "a failed: throttled past the SDK's retries",
      "b failed: throttled past the SDK's retries",
      "c written",
    ]);
    expect(callsBySk().map((call) => call.length)).toEqual([25, 15]);
  });

  it("sends nothing more of a record that failed", async () => {
    ddbMock.on(BatchWriteCommand).rejectsOnce(new Error("throttled")).resolves({});
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const lateReady = deferred();

    // a's first 25 go at once (full); a fails while its last 5 wait for b
    const a = records.track(() => writer.write(itemsOf("a", 30), []));
    const b = records.track(async () => {
      await lateReady.promise;
      await writer.write(itemsOf("b", 2), []);
    });
    await expect(a).rejects.toThrow("throttled");
    lateReady.resolve();
    await b;

    expect(callsBySk()).toEqual([Array(25).fill("2024-05-01#a"), Array(2).fill("2024-05-01#b")]);
  });

  it("waits while a record in flight is still running, and sends once every record in flight waits", async () => {
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const running = deferred();

    const a = records.track(() => writer.write(itemsOf("a", 2), []));
    const b = records.track(async () => {
      await running.promise;
      await writer.write(itemsOf("b", 2), []);
    });
    await settle();
    expect(callsBySk()).toEqual([]);

    running.resolve();
    await Promise.all([a, b]);
    expect(callsBySk().map((call) => call.length)).toEqual([4]);
  });

  it(`sends what waits ${MAX_INDEX_WAIT_MS} ms after its first wait, whatever is still running`, async () => {
    vi.useFakeTimers();
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const running = deferred();

    const a = records.track(() => writer.write(itemsOf("a", 2), []));
    void records.track(() => running.promise);
    await vi.advanceTimersByTimeAsync(MAX_INDEX_WAIT_MS - 1);
    expect(callsBySk()).toEqual([]);

    await vi.advanceTimersByTimeAsync(1);
    await a;
    expect(callsBySk().map((call) => call.length)).toEqual([2]);
    running.resolve();
  });

  it("never puts two requests for one key in a call: the later goes in a later call, sent once the earlier is done", async () => {
    const firstCall = deferred<Record<string, never>>();
    ddbMock
      .on(BatchWriteCommand)
      .callsFakeOnce(() => firstCall.promise)
      .resolves({});
    const records = inFlightRecords();
    const writer = indexWriteBatcher(writerDeps, records);
    const key = { pk: "REGION#0", sk: "2024-05-01#a" };

    const a = records.track(() => writer.write([{ ...key, title: "旧" }], []));
    const again = records.track(() => writer.write([{ ...key, title: "新" }], [key]));
    await settle();
    expect(ddbMock.commandCalls(BatchWriteCommand)).toHaveLength(1);

    firstCall.resolve({});
    await Promise.all([a, again]);

    const calls = ddbMock.commandCalls(BatchWriteCommand).map((call) => requestsOf(call.args[0].input));
    expect(calls).toEqual([
      [{ PutRequest: { Item: { ...key, title: "旧" } } }],
      [{ PutRequest: { Item: { ...key, title: "新" } } }],
      [{ DeleteRequest: { Key: key } }],
    ]);
  });
});
