import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { S3Event } from "aws-lambda";
import type { ExpressionCacheStats } from "./dynalite-expression-cache";

/**
 * The emulators, in-process on loopback: fauxqs (S3, SQS, SNS) and dynalite
 * (DynamoDB), and the AWS endpoint in front of them that plays S3 event
 * notifications (aws-endpoint.ts), on a worker thread of their own
 * (emulator-thread.mjs) so that serving requests does not compete with the
 * pollers and the API on the main thread (the functions have threads of their
 * own). fauxqs is built with buildApp rather than startFauxqs, which would
 * listen on every interface.
 */
export interface Emulators {
  /** fauxqs: S3, SQS, SNS */
  fauxqsUrl: string;
  dynamodbUrl: string;
  /** S3, SQS, SNS and DynamoDB on one port; object-creating writes under the raw prefix emit events. */
  awsEndpointUrl: string;
  /** Starts the raw bucket's S3 event notifications (the bucket and queue must exist). */
  notifyRawObjects(target: RawObjectsTarget): Promise<void>;
  /** Queues the event of an object already stored (recovery after a restart); after notifyRawObjects. */
  announceStored(object: { key: string; size: number; eTag: string; lastModified: Date }): Promise<void>;
  /** S3 events queued so far (the count reaches this thread just after each batch is queued). */
  readonly s3EventsEmitted: number;
  /** Requests served so far, per service and operation ("SQS ReceiveMessage", "S3 GET", …), and the thread's CPU ms. */
  usage(): Promise<EmulatorUsage>;
  stop(): Promise<void>;
}

export interface RawObjectsTarget {
  region: string;
  bucket: string;
  prefix: string;
  queueUrl: string;
}

export interface EmulatorUsage {
  requests: Record<string, number>;
  cpuMs: number;
  /** dynalite's parsed expressions reused, parsed and learned, or parsed uncached (dynalite-expression-cache.ts). */
  expressionCache: ExpressionCacheStats;
}

export interface EmulatorOptions {
  host?: string;
  /** The advertised endpoint's port; 0 (the default) picks a free one. */
  awsPort?: number;
  /** Keep S3 objects and the DynamoDB table here (see disk-s3-store.mjs); in memory when unset. */
  dataDir?: string | undefined;
  /** The largest object one PutObject or UploadPart may carry. */
  maxObjectBytes?: number;
  /** Sees every S3 event notification queued (posted from the emulator thread). */
  onS3Event?: ((event: S3Event) => void) | undefined;
}

/** S3's own limit for one part is 5 GiB; locally bodies are buffered, so 1 GiB is plenty for pages. */
export const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

type ThreadMessage =
  | { ready: { fauxqsUrl: string; dynamodbUrl: string; awsEndpointUrl: string } }
  | { failed: { message: string; code?: string } }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string } }
  | { s3Events: S3Event[] }
  | { s3EventCount: number };

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const worker = new Worker(new URL("./emulator-thread.mjs", import.meta.url), {
    workerData: {
      host: options.host ?? "127.0.0.1",
      awsPort: options.awsPort ?? 0,
      dataDir: options.dataDir,
      maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
      postS3Events: options.onS3Event !== undefined,
    },
  });
  // A failure to start (a data directory another pipeline holds, say) rejects rather than hangs.
  const failed = once(worker, "error").then(([error]) => Promise.reject(error));
  const [first] = (await Promise.race([once(worker, "message"), failed])) as [ThreadMessage];
  if ("failed" in first) {
    await worker.terminate();
    throw Object.assign(new Error(first.failed.message), { code: first.failed.code });
  }
  if (!("ready" in first)) throw new Error(`emulator thread: unexpected first message ${JSON.stringify(first)}`);

  let s3EventsEmitted = 0;
  let nextId = 0;
  const replies = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  worker.on("message", (message: ThreadMessage) => {
    if ("s3Events" in message) {
      s3EventsEmitted += message.s3Events.length;
      for (const event of message.s3Events) options.onS3Event?.(event);
    } else if ("s3EventCount" in message) {
      s3EventsEmitted += message.s3EventCount;
    } else if ("id" in message) {
      const reply = replies.get(message.id);
      replies.delete(message.id);
      if (message.ok) reply?.resolve(message.value);
      else reply?.reject(new Error(message.error.message));
    }
  });
  const ask = (type: string, fields: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      replies.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...fields });
    });
  return {
    ...first.ready,
    notifyRawObjects: async (target) => {
      await ask("notifyRawObjects", { target });
    },
    announceStored: async (object) => {
      await ask("announceStored", { object });
    },
    get s3EventsEmitted() {
      return s3EventsEmitted;
    },
    usage: () => ask("usage") as Promise<EmulatorUsage>,
    async stop() {
      await ask("stop");
      await worker.terminate();
    },
  };
}
