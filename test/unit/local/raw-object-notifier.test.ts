import type { SendMessageBatchRequest, SendMessageBatchResult } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { RawObjectNotifier, type RawObjectNotifierOptions } from "../../../infra/local/raw-object-notifier";
import type { S3Write } from "../../../infra/local/s3-write-request";

/**
 * The raw bucket's notification configuration, played on the emulator
 * thread: one S3 event per object created under the prefix, on the queue
 * before the writer is answered, in write order per key, batched when
 * writes finish together. A stand-in queue records each SendMessageBatch.
 */
const write = (key: string, eventName: S3Write["eventName"] = "ObjectCreated:Put"): S3Write => ({
  eventName,
  bucket: "raw-bucket",
  key,
});

function notifier(options: Partial<RawObjectNotifierOptions> = {}) {
  const batches: SendMessageBatchRequest[] = [];
  const stored = new Map<string, { size: number; eTag: string }>();
  const events: S3Event[] = [];
  const instance = new RawObjectNotifier({
    region: "us-east-1",
    bucket: "raw-bucket",
    prefix: "raw/",
    queueUrl: "http://sqs.us-east-1.localhost/000000000000/page-events",
    stat: (_bucket, key) => stored.get(key) ?? { size: 0, eTag: "" },
    sendMessageBatch: async (request) => {
      batches.push(request);
      return { Successful: [], Failed: [] } satisfies SendMessageBatchResult;
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  const records = () =>
    batches.flatMap((batch) => (batch.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody ?? "") as S3Event));
  return { instance, batches, stored, events, records };
}

describe("RawObjectNotifier", () => {
  it("watches object-creating writes under the prefix of its bucket only", () => {
    const { instance } = notifier();

    expect(instance.watches(write("raw/a.html"))).toBe(true);
    expect(instance.watches(write("elsewhere/a.html"))).toBe(false);
    expect(instance.watches({ ...write("raw/a.html"), bucket: "artifacts" })).toBe(false);
  });

  it("announces the object as stored, with the write's event name, source IP and request id", async () => {
    const { instance, stored, records, events } = notifier();
    stored.set("raw/会议 1.html", { size: 42, eTag: "abc" });

    await instance.announceWrite(write("raw/会议 1.html", "ObjectCreated:Copy"), "10.0.0.7", "REQ1");

    const [record] = records()[0]?.Records ?? [];
    expect(record).toMatchObject({
      eventName: "ObjectCreated:Copy",
      requestParameters: { sourceIPAddress: "10.0.0.7" },
      responseElements: { "x-amz-request-id": "REQ1" },
      s3: { bucket: { name: "raw-bucket" }, object: { key: "raw/%E4%BC%9A%E8%AE%AE+1.html", size: 42, eTag: "abc" } },
    });
    expect(events).toEqual(records());
    expect(instance.emitted).toBe(1);
  });

  it("sends the events of writes finishing together in one SendMessageBatch, at most ten to a batch", async () => {
    const { instance, batches } = notifier();

    await Promise.all(
      Array.from({ length: 12 }, (_, i) => instance.announceWrite(write(`raw/${i}`), "::1", undefined)),
    );

    expect(batches.map((batch) => batch.Entries?.length)).toEqual([10, 2]);
    expect(instance.emitted).toBe(12);
  });

  it("holds the events arriving while a batch is on its way, and sends them together in the next", async () => {
    const sent: SendMessageBatchRequest[] = [];
    let answerFirst: (() => void) | undefined;
    const { instance } = notifier({
      sendMessageBatch: async (request) => {
        sent.push(request);
        if (sent.length === 1) await new Promise<void>((resolve) => (answerFirst = resolve));
        return { Successful: [], Failed: [] };
      },
    });
    const nextTurns = async () => {
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    };

    const announced = [instance.announceWrite(write("raw/first"), "::1", undefined)];
    await nextTurns();
    // Each in a later turn of the event loop, each of which would otherwise have had a batch of its own.
    for (const key of ["raw/a", "raw/b", "raw/c"]) {
      announced.push(instance.announceWrite(write(key), "::1", undefined));
      await nextTurns();
    }
    const sentWhileBusy = sent.length;
    answerFirst?.();
    await Promise.all(announced);

    expect(sentWhileBusy).toBe(1);
    expect(sent.map((batch) => batch.Entries?.length)).toEqual([1, 3]);
  });

  it("serialises the writes to one key, so each is announced with its own size and a greater sequencer", async () => {
    const { instance, stored, records } = notifier();
    const order: string[] = [];
    const serve = (body: string, delayMs: number) =>
      instance.exclusive("raw/same.html", async () => {
        order.push(`start ${body}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        stored.set("raw/same.html", { size: body.length, eTag: body });
        await instance.announceWrite(write("raw/same.html"), "::1", undefined);
        order.push(`end ${body}`);
      });

    await Promise.all([serve("first", 30), serve("second!", 0)]);

    const announced = records().map((event) => event.Records[0]?.s3.object);
    expect(order).toEqual(["start first", "end first", "start second!", "end second!"]);
    expect(announced.map((object) => object?.size)).toEqual([5, 7]);
    expect((announced[0]?.sequencer ?? "") < (announced[1]?.sequencer ?? "")).toBe(true);
  });

  it("retries an entry the queue refused, and rejects once its attempts are spent (the writer gets a 503)", async () => {
    let calls = 0;
    const { instance } = notifier({
      sendAttempts: 2,
      sendMessageBatch: async () => {
        calls++;
        return {
          Successful: [],
          Failed: [{ Id: "0", Code: "InternalError", Message: "try again", SenderFault: false }],
        };
      },
    });

    await expect(instance.announceWrite(write("raw/refused.html"), "::1", undefined)).rejects.toThrow(
      "SendMessageBatch entry failed: InternalError try again",
    );
    expect(calls).toBe(2);
    expect(instance.emitted).toBe(0);
  });

  it("queues a stored object found unsettled with its own last-modified time as event time", async () => {
    const { instance, records } = notifier();
    const lastModified = new Date("2024-05-01T10:00:00.000Z");

    await instance.announceStored({ key: "raw/old.html", size: 3, eTag: "e1", lastModified });

    expect(records()[0]?.Records[0]).toMatchObject({
      eventName: "ObjectCreated:Put",
      eventTime: lastModified.toISOString(),
      s3: { object: { key: "raw/old.html", size: 3, eTag: "e1" } },
    });
  });
});
