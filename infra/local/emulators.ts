import { once } from "node:events";
import { Worker } from "node:worker_threads";

/**
 * The emulators, in-process on loopback: fauxqs (S3, SQS, SNS) and dynalite
 * (DynamoDB, in memory), on a worker thread of their own (emulator-thread.mjs)
 * so that serving requests does not take CPU from the functions, which run on
 * the main thread as they would in their own Lambda sandboxes. fauxqs is built
 * with buildApp rather than startFauxqs, which would listen on every interface.
 */
export interface Emulators {
  /** fauxqs: S3, SQS, SNS */
  fauxqsUrl: string;
  dynamodbUrl: string;
  stop(): Promise<void>;
}

export async function startEmulators(host = "127.0.0.1"): Promise<Emulators> {
  const worker = new Worker(new URL("./emulator-thread.mjs", import.meta.url), { workerData: { host } });
  const [ready] = (await once(worker, "message")) as [{ fauxqsUrl: string; dynamodbUrl: string }];
  return {
    ...ready,
    async stop() {
      worker.postMessage("stop");
      await once(worker, "message");
      await worker.terminate();
    },
  };
}
