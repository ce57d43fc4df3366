import { PutObjectCommand } from "@aws-sdk/client-s3";
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  type QueueDepth,
  startLocalRuntime,
} from "../../../infra/local/local-runtime";

/**
 * A local pipeline for one test file: emulators and runtime in-process on
 * free ports, with the timings shortened so tests take seconds: no batching
 * window and 1 s long polls. Timeouts are long instead: on a loaded machine
 * a function may take many seconds, and a message must be redelivered only
 * when it failed, never because a busy core made it slow (retry tests make
 * failed messages visible again themselves, see fault-injection.ts).
 * Everything else — queues, redrive policy, batch sizes, handlers — is what
 * `npm start` runs.
 */
export interface TestPipeline extends LocalRuntime {
  /** What the runtime reported (function errors), for assertions and for debugging a failure. */
  logs: string[];
  put(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<void>;
  get(path: string): Promise<{ status: number; body: unknown }>;
  /**
   * Polls until every queue and DLQ reads empty (visible, in flight and delayed), or fails naming
   * the depths: counts read right after a DLQ move or a delete can lag, so a test never reads once.
   */
  waitForEmptyQueues(timeoutMs?: number): Promise<void>;
  /** Polls until the queues read `expected` (others empty); fails naming the last depths. */
  waitForDepths(expected: Partial<Record<QueueKey, Partial<QueueDepth>>>, timeoutMs?: number): Promise<void>;
}

type QueueKey = keyof Awaited<ReturnType<LocalRuntime["queueDepths"]>>;

export const TEST_TIMINGS = {
  functionTimeoutSeconds: { parsePage: 120, storeRecord: 60, queryApi: 60, web: 60 },
  visibilityTimeoutSeconds: { pageEvents: 180, records: 180 },
  maxBatchingWindowMs: { pageEvents: 0, records: 0 },
  pollWaitSeconds: 1,
} satisfies LocalRuntimeOptions;

export async function startTestPipeline(options: LocalRuntimeOptions = {}): Promise<TestPipeline> {
  // The functions' own logs would drown the test output; POWERTOOLS_LOG_LEVEL=DEBUG brings them back.
  process.env.POWERTOOLS_LOG_LEVEL ??= "CRITICAL";
  const logs: string[] = [];
  const runtime = await startLocalRuntime({
    apiPort: 0,
    awsPort: 0,
    s3TestEvent: false,
    ...TEST_TIMINGS,
    log: (message) => logs.push(message),
    ...options,
  });
  const waitForDepths = async (
    expected: Partial<Record<QueueKey, Partial<QueueDepth>>>,
    timeoutMs = 200_000,
  ): Promise<void> => {
    let last: unknown;
    try {
      await eventually(async () => {
        const depths = await runtime.queueDepths();
        last = depths;
        const settled = (Object.keys(depths) as QueueKey[]).every((queue) => {
          const want = { visible: 0, inFlight: 0, delayed: 0, ...expected[queue] };
          const { visible, inFlight, delayed } = depths[queue];
          return visible === want.visible && inFlight === want.inFlight && delayed === want.delayed;
        });
        return settled ? true : undefined;
      }, timeoutMs);
    } catch {
      throw new Error(
        `queues did not settle at ${JSON.stringify(expected)} within ${timeoutMs} ms: ${JSON.stringify(last)}`,
      );
    }
  };
  return Object.assign(runtime, {
    logs,
    waitForDepths,
    waitForEmptyQueues: (timeoutMs?: number) => waitForDepths({}, timeoutMs),
    async put(key: string, body: string | Uint8Array, metadata?: Record<string, string>) {
      await runtime.clients.s3.send(
        new PutObjectCommand({ Bucket: runtime.resources.rawBucketName, Key: key, Body: body, Metadata: metadata }),
      );
    },
    async get(path: string) {
      const response = await fetch(`${runtime.apiUrl}${path}`);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
  });
}

/**
 * Polls until `check` returns a value (not undefined), or fails after `timeoutMs`: generous by
 * default, since the bound only keeps a broken test from hanging and a loaded machine is slow.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
