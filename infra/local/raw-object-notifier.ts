import type { SendMessageBatchRequest, SendMessageBatchResult } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { createSequencer, objectCreatedEvent } from "../../shared/events/s3-event-notification";
import type { S3Write } from "./s3-write-request";

/**
 * The bucket notification configuration of the raw bucket, played locally:
 * every object created under the prefix puts one S3 event on the queue. The
 * event is queued before the client hears "200", so a burst cannot lose one;
 * writes to one key are serialised (the endpoint serves each under
 * `exclusive`) so sequencers follow write order and the size/eTag read back
 * belong to this write. Events of writes that finish together (a burst of
 * uploads) go out in one SendMessageBatch, as S3 itself would deliver them:
 * fewer requests, and each write still waits for its own.
 */
export interface RawObjectNotifierOptions {
  region: string;
  bucket: string;
  prefix: string;
  queueUrl: string;
  /** The object as stored now (read under the key's lock, so it is the write just served). */
  stat: (bucket: string, key: string) => StoredObject;
  /** SQS's SendMessageBatch, straight to the emulator (never through the endpoint or its faults). */
  sendMessageBatch: (request: SendMessageBatchRequest) => Promise<SendMessageBatchResult>;
  sendAttempts?: number;
  /** Sees each event once it is queued (tests replay them to check idempotency). */
  onEvent?: (event: S3Event) => void;
}

export interface StoredObject {
  size: number;
  /** Without the quotes S3 puts around ETag headers. */
  eTag: string;
  versionId?: string | undefined;
}

export class RawObjectNotifier {
  readonly #options: RawObjectNotifierOptions;
  readonly #nextSequencer = createSequencer();
  readonly #keyLocks = new Map<string, Promise<unknown>>();
  /** Events waiting for the next batch send, each with its writer's promise. */
  #outbox: Outgoing[] = [];
  #flushScheduled = false;
  /** Batches sent and not yet answered: while there are some, new events wait and go out together. */
  #inFlight = 0;
  #emitted = 0;

  constructor(options: RawObjectNotifierOptions) {
    this.#options = options;
  }

  get emitted(): number {
    return this.#emitted;
  }

  watches(write: S3Write): boolean {
    return write.bucket === this.#options.bucket && write.key.startsWith(this.#options.prefix);
  }

  /** Runs `task` once every earlier task on `key` has settled; the next waits for this one. */
  async exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#keyLocks.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const settled = current.catch(() => undefined);
    this.#keyLocks.set(key, settled);
    try {
      return await current;
    } finally {
      if (this.#keyLocks.get(key) === settled) this.#keyLocks.delete(key);
    }
  }

  /**
   * Queues the event of a write that just succeeded; call it inside `exclusive(write.key, …)`,
   * before the writer is answered. Rejects when the event could not be queued (the writer gets a 503).
   */
  async announceWrite(write: S3Write, sourceIp: string, requestId: string | undefined): Promise<void> {
    const object = this.#options.stat(write.bucket, write.key);
    return this.#send(
      objectCreatedEvent({
        eventName: write.eventName,
        region: this.#options.region,
        bucket: write.bucket,
        key: write.key,
        ...object,
        sequencer: this.#nextSequencer(),
        sourceIp,
        ...(requestId ? { requestId } : {}),
      }),
    );
  }

  /**
   * Queues the event of an object already stored (one a restart finds unsettled): its own
   * last-modified time as event time, and a sequencer from the same clock as live writes.
   */
  announceStored(object: { key: string; size: number; eTag: string; lastModified: Date }): Promise<void> {
    return this.exclusive(object.key, () =>
      this.#send(
        objectCreatedEvent({
          eventName: "ObjectCreated:Put",
          region: this.#options.region,
          bucket: this.#options.bucket,
          key: object.key,
          size: object.size,
          eTag: object.eTag,
          sequencer: this.#nextSequencer(),
          eventTime: object.lastModified,
        }),
      ),
    );
  }

  /** Resolves once the event is on the queue; retried with backoff, then rejected. */
  async #send(event: S3Event): Promise<void> {
    const body = JSON.stringify(event);
    const attempts = this.#options.sendAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          this.#outbox.push({ body, resolve, reject });
          this.#scheduleFlush();
        });
        this.#emitted++;
        this.#options.onEvent?.(event);
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }

  /**
   * Sends what the writes finishing in this turn of the event loop queued, in batches SQS accepts;
   * while a send is on its way, what comes meanwhile waits for it and goes out in the next batch.
   */
  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#inFlight > 0) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      const outgoing = this.#outbox;
      this.#outbox = [];
      for (const batch of sqsBatches(outgoing)) {
        this.#inFlight++;
        void this.#sendBatch(batch).finally(() => {
          this.#inFlight--;
          if (this.#outbox.length > 0) this.#scheduleFlush();
        });
      }
    });
  }

  async #sendBatch(batch: Outgoing[]): Promise<void> {
    try {
      const { Failed = [] } = await this.#options.sendMessageBatch({
        QueueUrl: this.#options.queueUrl,
        Entries: batch.map((outgoing, index) => ({ Id: String(index), MessageBody: outgoing.body })),
      });
      const failed = new Map(Failed.map((entry) => [entry.Id, entry]));
      batch.forEach((outgoing, index) => {
        const failure = failed.get(String(index));
        if (failure) outgoing.reject(new Error(`SendMessageBatch entry failed: ${failure.Code} ${failure.Message}`));
        else outgoing.resolve();
      });
    } catch (error) {
      for (const outgoing of batch) outgoing.reject(error);
    }
  }
}

interface Outgoing {
  body: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** SQS's batch limits: 10 messages, 256 KiB in all (an S3 event is about 1 KB). */
const SQS_BATCH_ENTRIES = 10;
const SQS_BATCH_BYTES = 256 * 1024;

function* sqsBatches(outgoing: Outgoing[]): Generator<Outgoing[]> {
  let batch: Outgoing[] = [];
  let bytes = 0;
  for (const item of outgoing) {
    const size = Buffer.byteLength(item.body);
    if (batch.length > 0 && (batch.length >= SQS_BATCH_ENTRIES || bytes + size > SQS_BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
