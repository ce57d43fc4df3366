import { PutObjectCommand } from "@aws-sdk/client-s3";
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from "../../../infra/local/local-runtime";

/**
 * A local pipeline for one test file: emulators and runtime in-process on
 * free ports, with the timings shortened so tests take seconds: no batching
 * window, 1 s long polls, and a 10 s visibility timeout (still well above a
 * cold start, so a message is redelivered only when it failed; tests of
 * retries shorten it further).
 * Everything else — queues, redrive policy, batch sizes, handlers — is what
 * `npm start` runs.
 */
export interface TestPipeline extends LocalRuntime {
  /** What the runtime reported (function errors), for assertions and for debugging a failure. */
  logs: string[];
  put(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<void>;
  get(path: string): Promise<{ status: number; body: unknown }>;
}

export const TEST_TIMINGS = {
  visibilityTimeoutSeconds: { pageEvents: 10, records: 10 },
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
  return Object.assign(runtime, {
    logs,
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

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
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
