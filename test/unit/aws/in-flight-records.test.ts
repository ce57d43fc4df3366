import { describe, expect, it } from "vitest";
import { inFlightRecords } from "../../../shared/aws/in-flight-records";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A queue whose sends are recorded, each entry released once its batch is sent. */
function recordingQueue(records: ReturnType<typeof inFlightRecords>, name: string, sent: string[][]) {
  const queue = records.queue<{ id: string; release: () => void }>({
    maxWaitMs: 60_000,
    isFull: (entries) => entries.length >= 3,
    send(entries) {
      sent.push(entries.map((entry) => `${name}:${entry.id}`));
      for (const entry of entries) entry.release();
      return [];
    },
  });
  return (id: string) => new Promise<void>((release) => queue.add({ id, release }));
}

describe("inFlightRecords", () => {
  it("when every record waits, sends the first queue holding any; a later one waits for the records it releases", async () => {
    const records = inFlightRecords();
    const sent: string[][] = [];
    const write = recordingQueue(records, "write", sent);
    const publish = recordingQueue(records, "publish", sent);
    const bReady = deferred();

    const a = records.track(() => publish("a"));
    const b = records.track(async () => {
      await bReady.promise;
      await write("b");
      await publish("b");
    });
    await settle();
    expect(sent).toEqual([]);

    bReady.resolve();
    await Promise.all([a, b]);

    // b's write went alone; a's notification waited for b's
    expect(sent).toEqual([["write:b"], ["publish:a", "publish:b"]]);
  });

  it("sends a full queue while other records still run", async () => {
    const records = inFlightRecords();
    const sent: string[][] = [];
    const publish = recordingQueue(records, "publish", sent);
    const running = deferred();

    const waits = ["a", "b", "c"].map((id) => records.track(() => publish(id)));
    void records.track(() => running.promise);
    await Promise.all(waits);

    expect(sent).toEqual([["publish:a", "publish:b", "publish:c"]]);
    running.resolve();
  });
});
