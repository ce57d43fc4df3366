import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { sqsRecord, succeededMessageIds } from "./sqs-lambda-event";

/**
 * Lambda's SQS event source mapping, played locally: pollers long-poll the
 * queue and, from the first message of a batch, keep receiving until the
 * batch is full, the batching window has passed since that first message,
 * or the event would exceed Lambda's 6 MB payload; then they invoke the
 * function once and delete only what succeeded. Failed messages are left
 * alone: they reappear after the visibility timeout, and the queue's redrive
 * policy moves them to the DLQ after maxReceiveCount (fauxqs implements
 * RedrivePolicy on receive, as SQS does).
 */
export interface SqsEventSourceOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize: number;
  maxBatchingWindowMs: number;
  /** Parallel pollers, each with one batch in flight (Lambda starts with five). */
  concurrency: number;
  /** Long-poll wait of an empty receive, 1–20 s; shorter means faster shutdown. */
  waitTimeSeconds: number;
  invoke: (event: SQSEvent) => Promise<unknown>;
  onInvokeError?: (error: unknown) => void;
}

const SQS_MAX_RECEIVE = 10;
const SQS_MAX_WAIT_SECONDS = 20;
/** Lambda's invocation payload limit, which also ends a batch. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
const EVENT_ENVELOPE_BYTES = Buffer.byteLength('{"Records":[]}');

/** A received message as the function will see it, with its share of the event's size. */
interface Held {
  record: SQSRecord;
  bytes: number;
  receivedAt: number;
}

/** One poller's messages received but not yet invoked, and a receive still waiting on the queue. */
interface PollerState {
  held: Held[];
  pending: Promise<Held[]> | undefined;
}

const WINDOW_CLOSED = Symbol("window closed");

export class SqsEventSource {
  readonly #options: SqsEventSourceOptions;
  readonly #abort = new AbortController();
  #loops: Promise<void>[] = [];
  #busy = 0;
  #batches = 0;

  constructor(options: SqsEventSourceOptions) {
    this.#options = options;
  }

  /** Pollers holding received messages (gathering, invoking or deleting). */
  get busy(): number {
    return this.#busy;
  }

  get batches(): number {
    return this.#batches;
  }

  start(): void {
    for (let i = 0; i < this.#options.concurrency; i++) this.#loops.push(this.#poll());
  }

  /** Stops receiving; batches already received finish (and are deleted when they succeed). */
  async stop(): Promise<void> {
    this.#abort.abort();
    await Promise.all(this.#loops);
    this.#loops = [];
  }

  async #poll(): Promise<void> {
    const state: PollerState = { held: [], pending: undefined };
    for (;;) {
      if (state.held.length === 0) {
        // Stopped: collect what a receive still pending returns, so it is invoked rather than left in flight.
        if (this.#abort.signal.aborted && !state.pending) return;
        // Idle: one long poll, answered as soon as a message arrives.
        state.pending ??= this.#receive(
          Math.min(this.#options.batchSize, SQS_MAX_RECEIVE),
          this.#options.waitTimeSeconds,
        );
        state.held.push(...(await state.pending));
        state.pending = undefined;
        if (state.held.length === 0) continue;
      }
      this.#busy++;
      try {
        await this.#gather(state);
        await this.#deliver(this.#takeBatch(state.held));
      } finally {
        this.#busy--;
      }
    }
  }

  /**
   * Receives until the held messages make a full batch or the window since the first of them has
   * passed. Each receive long-polls for the rest of the window; when the window's timer ends the
   * gathering first, that receive stays pending and what it returns starts the next batch.
   */
  async #gather(state: PollerState): Promise<void> {
    const { batchSize, maxBatchingWindowMs } = this.#options;
    const first = state.held[0];
    if (!first) return;
    const remaining = first.receivedAt + maxBatchingWindowMs - Date.now();
    if (remaining <= 0 || this.#batchFull(state.held)) return;
    let timer: NodeJS.Timeout | undefined;
    const windowClosed = new Promise<typeof WINDOW_CLOSED>((resolve) => {
      timer = setTimeout(() => resolve(WINDOW_CLOSED), remaining);
    });
    try {
      while (!this.#batchFull(state.held) && !this.#abort.signal.aborted) {
        const left = first.receivedAt + maxBatchingWindowMs - Date.now();
        state.pending ??= this.#receive(
          Math.max(1, Math.min(batchSize - state.held.length, SQS_MAX_RECEIVE)),
          Math.min(SQS_MAX_WAIT_SECONDS, Math.max(1, Math.ceil(left / 1000))),
        );
        const received = await Promise.race([state.pending, windowClosed]);
        if (received === WINDOW_CLOSED) return;
        state.pending = undefined;
        state.held.push(...received);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Full: batchSize messages, or the next message would take the event past the payload limit. */
  #batchFull(held: Held[]): boolean {
    return (
      batchLength(held, this.#options.batchSize) < Math.min(held.length, this.#options.batchSize) ||
      held.length >= this.#options.batchSize
    );
  }

  #takeBatch(held: Held[]): SQSRecord[] {
    return held.splice(0, Math.max(1, batchLength(held, this.#options.batchSize))).map((h) => h.record);
  }

  /** Never throws: a failed receive is reported and, after a pause, comes back empty. */
  async #receive(max: number, waitTimeSeconds: number): Promise<Held[]> {
    const { queueArn, region } = this.#options;
    try {
      const result = await this.#options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.#options.queueUrl,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: waitTimeSeconds,
          MessageSystemAttributeNames: ["All"],
          MessageAttributeNames: ["All"],
        }),
        { abortSignal: this.#abort.signal },
      );
      const receivedAt = Date.now();
      return (result.Messages ?? []).map((message) => {
        const record = sqsRecord(message, queueArn, region);
        // The record and the comma that joins it to the next.
        return { record, bytes: Buffer.byteLength(JSON.stringify(record)) + 1, receivedAt };
      });
    } catch (error) {
      if (this.#abort.signal.aborted) return [];
      this.#options.onInvokeError?.(error);
      await sleep(1000);
      return [];
    }
  }

  async #deliver(records: SQSRecord[]): Promise<void> {
    const { invoke } = this.#options;
    const event: SQSEvent = { Records: records };
    this.#batches++;
    let succeeded: Set<string>;
    try {
      succeeded = succeededMessageIds(event, await invoke(event));
    } catch (error) {
      // A function error fails the whole batch, as in Lambda.
      this.#options.onInvokeError?.(error);
      return;
    }
    const toDelete = event.Records.filter((record) => succeeded.has(record.messageId));
    for (let i = 0; i < toDelete.length; i += SQS_MAX_RECEIVE) {
      const chunk = toDelete.slice(i, i + SQS_MAX_RECEIVE);
      try {
        await this.#options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.#options.queueUrl,
            Entries: chunk.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
          }),
        );
      } catch (error) {
        // As in Lambda: the messages come back after the visibility timeout (the handlers are idempotent).
        // Thrown, it would end this poller and reject a promise nobody awaits until stop().
        this.#options.onInvokeError?.(error);
      }
    }
  }
}

/** How many of the held messages, from the oldest, fit in one batch (at least the first, whatever its size). */
function batchLength(held: Held[], batchSize: number): number {
  let bytes = EVENT_ENVELOPE_BYTES;
  let count = 0;
  for (const { bytes: size } of held) {
    if (count >= batchSize || (count > 0 && bytes + size > MAX_EVENT_BYTES)) break;
    bytes += size;
    count++;
  }
  return count;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
