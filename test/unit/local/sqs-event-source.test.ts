import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  type ReceiveMessageCommandOutput,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_EVENT_BYTES, SqsEventSource } from "../../../infra/local/sqs-event-source";

const sqsMock = mockClient(SQSClient);
afterEach(() => sqsMock.reset());

const message = (id: string): Message => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: id });

describe("SqsEventSource", () => {
  it("keeps polling when deleting a processed batch fails, reporting the error", async () => {
    const queued = [message("m1"), message("m2")];
    // One message per receive; an empty receive waits a little, as a long poll would.
    sqsMock.on(ReceiveMessageCommand).callsFake(async () => {
      const next = queued.shift();
      if (next) return { Messages: [next] };
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {};
    });
    sqsMock.on(DeleteMessageBatchCommand).rejectsOnce(new Error("connection reset")).resolves({ Successful: [] });
    const invoked: string[] = [];
    const errors: unknown[] = [];
    const source = new SqsEventSource({
      sqs: new SQSClient({ region: "us-east-1" }),
      queueUrl: "http://sqs.local/000000000000/q",
      queueArn: "arn:aws:sqs:us-east-1:000000000000:q",
      region: "us-east-1",
      batchSize: 1,
      maxBatchingWindowMs: 0,
      concurrency: 1,
      waitTimeSeconds: 1,
      invoke: async (event) => {
        invoked.push(...event.Records.map((r) => r.messageId));
        return { batchItemFailures: [] };
      },
      onInvokeError: (error) => errors.push(error),
    });

    source.start();
    await vi.waitFor(() => expect(invoked).toEqual(["m1", "m2"]));
    await expect(source.stop()).resolves.toBeUndefined();

    expect(errors).toEqual([expect.objectContaining({ message: "connection reset" })]);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(2);
  });
});

/**
 * A queue on fake timers, answering receives as SQS does: at once when messages are queued,
 * otherwise when one arrives or WaitTimeSeconds has passed.
 */
class FakeQueue {
  readonly receives: { at: number; waitTimeSeconds: number }[] = [];
  #queued: Message[] = [];
  #waiters = new Set<() => void>();
  #closed = false;

  send(...messages: Message[]): void {
    this.#queued.push(...messages);
    for (const wake of this.#waiters) wake();
  }

  async receive(input: ReceiveMessageCommandInput): Promise<ReceiveMessageCommandOutput> {
    const wait = input.WaitTimeSeconds ?? 0;
    this.receives.push({ at: Date.now(), waitTimeSeconds: wait });
    const deadline = Date.now() + wait * 1000;
    while (this.#queued.length === 0 && Date.now() < deadline && !this.#closed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        this.#waiters.add(wake);
      });
    }
    return { Messages: this.#queued.splice(0, input.MaxNumberOfMessages ?? 1), $metadata: {} };
  }

  /** Answers every waiting receive, as the runtime's abort does. */
  close(): void {
    this.#closed = true;
    for (const wake of this.#waiters) wake();
  }
}

describe("SqsEventSource batching, on fake timers", () => {
  let queue: FakeQueue;
  let invocations: { at: number; ids: string[]; bytes: number }[];
  let start: number;
  beforeEach(() => {
    vi.useFakeTimers();
    queue = new FakeQueue();
    invocations = [];
    start = Date.now();
    sqsMock.on(ReceiveMessageCommand).callsFake((input: ReceiveMessageCommandInput) => queue.receive(input));
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [] });
  });
  afterEach(() => vi.useRealTimers());

  const startSource = (batchSize: number, maxBatchingWindowMs: number) => {
    const source = new SqsEventSource({
      sqs: new SQSClient({ region: "us-east-1" }),
      queueUrl: "http://sqs.local/000000000000/q",
      queueArn: "arn:aws:sqs:us-east-1:000000000000:q",
      region: "us-east-1",
      batchSize,
      maxBatchingWindowMs,
      concurrency: 1,
      waitTimeSeconds: 20,
      invoke: async (event) => {
        invocations.push({
          at: Date.now() - start,
          ids: event.Records.map((r) => r.messageId),
          bytes: Buffer.byteLength(JSON.stringify(event)),
        });
        return { batchItemFailures: [] };
      },
    });
    source.start();
    return source;
  };
  /** Advances the fake clock to `ms` after the test began. */
  const at = (ms: number) => vi.advanceTimersByTimeAsync(start + ms - Date.now());
  const stop = async (source: SqsEventSource) => {
    queue.close();
    await source.stop();
  };
  const receivesBetween = (from: number, to: number) =>
    queue.receives.filter((r) => r.at - start >= from && r.at - start <= to);

  it("with no window, invokes a lone message the moment a 20 s long poll returns it", async () => {
    const source = startSource(10, 0);
    await at(3000);
    queue.send(message("m1"));
    await at(3000);

    expect(invocations).toEqual([{ at: 3000, ids: ["m1"], bytes: expect.any(Number) }]);
    expect(queue.receives.every((r) => r.waitTimeSeconds === 20)).toBe(true);
    await stop(source);
  });

  it("invokes when the window has passed since the batch's first message, long-polling in between (no re-polls)", async () => {
    const source = startSource(10, 2000);
    await at(5000);
    queue.send(message("m1"));
    await at(5300);
    queue.send(message("m2"));
    await at(6500);
    queue.send(message("m3"));
    await at(6999);
    expect(invocations).toEqual([]);
    await at(7000);

    expect(invocations).toEqual([{ at: 7000, ids: ["m1", "m2", "m3"], bytes: expect.any(Number) }]);
    // One receive per arrival plus the one still waiting when the window closed: nothing polls the empty queue.
    expect(receivesBetween(5000, 7000)).toHaveLength(3);
    expect(receivesBetween(5000, 7000).every((r) => r.waitTimeSeconds >= 1)).toBe(true);
    await stop(source);
  });

  it("invokes a full batch at once, without waiting out the window", async () => {
    const source = startSource(3, 10_000);
    for (const [ms, id] of [
      [1000, "m1"],
      [1200, "m2"],
      [1400, "m3"],
    ] as const) {
      await at(ms);
      queue.send(message(id));
    }
    await at(1400);

    expect(invocations).toEqual([{ at: 1400, ids: ["m1", "m2", "m3"], bytes: expect.any(Number) }]);
    await stop(source);
  });

  it("starts the next batch with what a receive still waiting at the window's end returns, losing nothing", async () => {
    const source = startSource(10, 1000);
    queue.send(message("m1"));
    await at(1000);
    await at(1500);
    queue.send(message("m2"));
    await at(2500);

    expect(invocations.map(({ at, ids }) => ({ at, ids }))).toEqual([
      { at: 1000, ids: ["m1"] },
      { at: 2500, ids: ["m2"] },
    ]);
    await stop(source);
  });

  it("ends a batch before Lambda's 6 MB event limit and carries the message that would pass it", async () => {
    const source = startSource(10, 5000);
    const big = (id: string): Message => ({ ...message(id), Body: "x".repeat(2.5 * 1024 * 1024) });
    queue.send(big("m1"), big("m2"));
    await at(100);
    queue.send(big("m3"));
    await at(100);
    await at(5100);

    expect(invocations.map(({ at, ids }) => ({ at, ids }))).toEqual([
      { at: 100, ids: ["m1", "m2"] },
      { at: 5100, ids: ["m3"] },
    ]);
    for (const { bytes } of invocations) expect(bytes).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    await stop(source);
  });
});
