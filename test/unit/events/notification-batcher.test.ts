import { PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordEvent } from "../../../shared/events/ingest-notification";
import { MAX_PUBLISH_WAIT_MS, notificationBatcher } from "../../../shared/events/notification-batcher";
import { acceptPublishes } from "../ingest/support/ingest-harness";
import { aMeetingRecord } from "../storage/support/meeting-record";

const snsMock = mockClient(SNSClient);
const deps = { sns: new SNSClient({ region: "us-east-1" }), topicArn: "arn:aws:sns:us-east-1:000000000000:ingest" };
const AT = new Date("2024-05-01T12:00:00.000Z");

beforeEach(() => {
  snsMock.reset();
  acceptPublishes(snsMock);
});
afterEach(() => {
  vi.useRealTimers();
});

/** record.created for the n-th record of a batch. */
function created(n: number) {
  return recordEvent("record.created", aMeetingRecord({ id: `rec_${n.toString(16).padStart(20, "0")}` }), AT);
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The entries of each PublishBatch call: the record ids, in order. */
function callsById() {
  return snsMock
    .commandCalls(PublishBatchCommand)
    .map((call) =>
      (call.args[0].input.PublishBatchRequestEntries ?? []).map((entry) => JSON.parse(entry.Message ?? "").id),
    );
}

/** Lets every settled promise's callbacks run (the mock answers within a few turns). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("notificationBatcher", () => {
  it("publishes 23 notifications waiting at once in PublishBatch calls of 10, 10 and 3, each as Publish would carry it", async () => {
    const batcher = notificationBatcher(deps);
    const notifications = Array.from({ length: 23 }, (_, n) => created(n));
    // 23 records in flight, each publishing once
    await Promise.all(notifications.map((notification) => batcher.track(() => batcher.publish(notification))));

    expect(callsById().map((ids) => ids.length)).toEqual([10, 10, 3]);
    expect(callsById().flat()).toEqual(notifications.map((notification) => notification.id));
    const first = snsMock.commandCalls(PublishBatchCommand)[0]?.args[0].input;
    expect(first?.TopicArn).toBe(deps.topicArn);
    expect(first?.PublishBatchRequestEntries?.[0]).toEqual({
      Id: "0",
      Message: JSON.stringify(notifications[0]),
      MessageAttributes: { type: { DataType: "String", StringValue: "record.created" } },
    });
    expect(new Set(first?.PublishBatchRequestEntries?.map((entry) => entry.Id)).size).toBe(10);
  });

  it("sends at once, without waiting out the cap, when every record still in flight is waiting to publish", async () => {
    vi.useFakeTimers();
    const batcher = notificationBatcher(deps);
    const done = deferred();
    const third = batcher.track(() => done.promise); // finishes without publishing
    const published = [1, 2].map((n) => batcher.track(() => batcher.publish(created(n))));
    await vi.advanceTimersByTimeAsync(0);
    expect(callsById()).toEqual([]);

    done.resolve();
    await third;
    await Promise.all(published);

    expect(callsById()).toEqual([[created(1).id, created(2).id]]);
  });

  it("does not hold notifications for a record held up elsewhere: they go out after the cap", async () => {
    vi.useFakeTimers();
    const batcher = notificationBatcher(deps);
    const held = deferred();
    const slow = batcher.track(async () => {
      await held.promise; // another writer's mark, say
      await batcher.publish(created(3));
    });
    const quick = [1, 2].map((n) => batcher.track(() => batcher.publish(created(n))));

    await vi.advanceTimersByTimeAsync(MAX_PUBLISH_WAIT_MS - 1);
    expect(callsById()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(quick);
    expect(callsById()).toEqual([[created(1).id, created(2).id]]);

    held.resolve();
    await slow;
    expect(callsById()).toEqual([[created(1).id, created(2).id], [created(3).id]]);
  });

  it("rejects only the publish of an entry SNS refuses; the others in its call are published", async () => {
    const refused = created(2);
    acceptPublishes(snsMock, { refuse: (entry) => JSON.parse(entry.Message ?? "").id === refused.id });
    const batcher = notificationBatcher(deps);

    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.track(() => batcher.publish(created(n)))));

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain("InternalError");
    expect(callsById()).toHaveLength(1);
  });

  it("rejects every publish of a PublishBatch call that fails as a whole, and only those", async () => {
    acceptPublishes(snsMock, { failFirstCall: new Error("SNS unreachable") });
    const batcher = notificationBatcher(deps);
    const first = Promise.allSettled([1, 2].map((n) => batcher.track(() => batcher.publish(created(n)))));
    await settle();
    const later = batcher.publish(created(3));

    const results = [...(await first), ...(await Promise.allSettled([later]))];

    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain("SNS unreachable");
    expect(callsById()).toEqual([[created(1).id, created(2).id], [created(3).id]]);
  });

  it("takes an entry SNS reports neither published nor failed as not published", async () => {
    snsMock.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });

    await expect(notificationBatcher(deps).publish(created(1))).rejects.toThrow("taking it as not published");
  });
});
