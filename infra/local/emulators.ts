import { once } from "node:events";
import { Worker } from "node:worker_threads";

/**
 * The emulators, in-process on loopback: fauxqs (S3, SQS, SNS) and dynalite
 * (DynamoDB), on a worker thread of their own (emulator-thread.mjs)
 * so that serving requests does not compete with the pollers and the API on
 * the main thread (the functions have threads of their own). fauxqs is built
 * with buildApp rather than startFauxqs, which would listen on every interface.
 */
export interface Emulators {
  /** fauxqs: S3, SQS, SNS */
  fauxqsUrl: string;
  dynamodbUrl: string;
  /** Requests served so far, per service and operation ("SQS ReceiveMessage", "S3 GET", …), and the thread's CPU ms. */
  usage(): Promise<EmulatorUsage>;
  stop(): Promise<void>;
}

export interface EmulatorUsage {
  requests: Record<string, number>;
  cpuMs: number;
}

export interface EmulatorOptions {
  host?: string;
  /** Keep S3 objects and the DynamoDB table here (see disk-s3-store.mjs); in memory when unset. */
  dataDir?: string | undefined;
  /** The largest object one PutObject or UploadPart may carry. */
  maxObjectBytes?: number;
}

/** S3's own limit for one part is 5 GiB; locally bodies are buffered, so 1 GiB is plenty for pages. */
export const DEFAULT_MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const worker = new Worker(new URL("./emulator-thread.mjs", import.meta.url), {
    workerData: {
      host: options.host ?? "127.0.0.1",
      dataDir: options.dataDir,
      maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    },
  });
  // A failure to start (a data directory another pipeline holds, say) rejects rather than hangs.
  const failed = once(worker, "error").then(([error]) => Promise.reject(error));
  const [ready] = (await Promise.race([once(worker, "message"), failed])) as [
    { fauxqsUrl: string; dynamodbUrl: string },
  ];
  // Replies come in the order asked; "stopped" is the last.
  const replies: ((message: unknown) => void)[] = [];
  worker.on("message", (message) => replies.shift()?.(message));
  const ask = (message: string) =>
    new Promise<unknown>((resolve) => {
      replies.push(resolve);
      worker.postMessage(message);
    });
  return {
    ...ready,
    usage: () => ask("usage") as Promise<EmulatorUsage>,
    async stop() {
      await ask("stop");
      await worker.terminate();
    },
  };
}
