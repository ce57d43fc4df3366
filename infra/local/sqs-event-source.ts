import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { sqsLambdaEvent, succeededMessageIds } from "./sqs-lambda-event";

/**
 * Lambda's SQS event source mapping, played locally: pollers long-poll the
 * queue, gather up to `batchSize` messages within the batching window, invoke
 * the function once per batch, and delete only what succeeded. Failed
 * messages are left alone: they reappear after the visibility timeout, and
 * the queue's redrive policy moves them to the DLQ after maxReceiveCount
 * (fauxqs implements RedrivePolicy on receive, as SQS does).
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
    while (!this.#abort.signal.aborted) {
      let messages: Message[] = [];
      try {
        messages = await this.#receive(
          Math.min(this.#options.batchSize, SQS_MAX_RECEIVE),
          this.#options.waitTimeSeconds,
        );
      } catch (error) {
        if (this.#abort.signal.aborted) return;
        this.#options.onInvokeError?.(error);
        await sleep(1000);
        continue;
      }
      if (messages.length === 0) continue;
      this.#busy++;
      try {
        await this.#fillBatch(messages);
        await this.#deliver(messages);
      } finally {
        this.#busy--;
      }
    }
  }

  async #fillBatch(batch: Message[]): Promise<void> {
    const { batchSize, maxBatchingWindowMs } = this.#options;
    const deadline = Date.now() + maxBatchingWindowMs;
    while (batch.length < batchSize && !this.#abort.signal.aborted) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return;
      const wait = Math.floor(remaining / 1000);
      let more: Message[] = [];
      try {
        more = await this.#receive(Math.min(batchSize - batch.length, SQS_MAX_RECEIVE), wait);
      } catch {
        return;
      }
      batch.push(...more);
      if (more.length === 0 && wait === 0) await sleep(Math.min(remaining, 50));
    }
  }

  async #receive(max: number, waitTimeSeconds: number): Promise<Message[]> {
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
    return result.Messages ?? [];
  }

  async #deliver(messages: Message[]): Promise<void> {
    const { queueArn, region, invoke } = this.#options;
    const event = sqsLambdaEvent(messages, queueArn, region);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
