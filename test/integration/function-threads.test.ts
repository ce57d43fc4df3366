import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulators, startEmulators } from "../../infra/local/emulators";
import { FunctionThreads } from "../../infra/local/function-threads";
import { FunctionTimeoutError, LocalFunction } from "../../infra/local/local-function";
import { SqsEventSource } from "../../infra/local/sqs-event-source";
import { LOCAL_CREDENTIALS } from "../../shared/config/local-state-file";

/**
 * The hand-off between the poller and a function on a worker thread: what
 * the handler returns, throws or fails to finish in time reaches the poller
 * as it did when handlers ran on the main thread, so partial batch failures,
 * redelivery and the DLQ behave as before. A scripted handler
 * (test/fixtures/functions/scripted-handler.ts) runs on real threads, and
 * the queues are fauxqs's.
 */
const MODULE = "test/fixtures/functions/scripted-handler.ts";
const REGION = "us-east-1";

let threads: FunctionThreads;
const discarded: number[] = [];

function scriptedFunction(timeoutSeconds: number): LocalFunction<SQSEvent, unknown> {
  return new LocalFunction<SQSEvent, unknown>({
    name: "scripted",
    region: REGION,
    timeoutSeconds,
    maxConcurrency: 2,
    factory: threads.factory<SQSEvent, unknown>(),
    onDiscard: (id) => {
      discarded.push(id);
      threads.discard(id);
    },
  });
}

function event(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}`,
      receiptHandle: `r-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "0",
        SenderId: "local",
        ApproximateFirstReceiveTimestamp: "0",
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
      awsRegion: REGION,
    })),
  };
}

beforeAll(async () => {
  threads = new FunctionThreads({
    name: "parsePage",
    module: MODULE,
    threads: 2,
    env: { ...process.env, DOCKET_SCRIPTED_MARK: "from the container's environment" },
  });
  await threads.start();
});

afterAll(async () => {
  await threads?.stop();
});

describe("a function on a worker thread", () => {
  it("returns the handler's batch response, partial failures included, with the environment it was given", async () => {
    const fn = scriptedFunction(30);

    const response = (await fn.invoke(event("ok", "fail", "ok"))) as Record<string, unknown>;

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "m-1" }]);
    expect(response.environment).toBe("from the container's environment");
    expect(response.functionName).toBe("scripted");
    expect(response.remainingMs).toBeGreaterThan(0);
    expect(response.remainingMs).toBeLessThanOrEqual(30_000);
  });

  it("keeps a container's module state between invocations, as a warm Lambda container does", async () => {
    const fn = scriptedFunction(30);

    const first = (await fn.invoke(event("ok"))) as Record<string, unknown>;
    const second = (await fn.invoke(event("ok"))) as Record<string, unknown>;

    expect(second.loadedAt).toBe(first.loadedAt);
    expect(second.invocations).toBe(Number(first.invocations) + 1);
  });

  it("rejects with the handler's error, its name and message kept", async () => {
    const fn = scriptedFunction(30);

    await expect(fn.invoke(event("ok", "throw"))).rejects.toMatchObject({
      name: "ScriptedError",
      message: "scripted failure",
    });
  });

  it("times out a handler that runs too long, discards its container, and serves the next invocation", async () => {
    const fn = scriptedFunction(1);

    await expect(fn.invoke(event("hang"))).rejects.toBeInstanceOf(FunctionTimeoutError);
    expect(discarded.length).toBeGreaterThan(0);
    const next = (await fn.invoke(event("ok"))) as Record<string, unknown>;
    expect(next.batchItemFailures).toEqual([]);
  });

  it("ends a thread held by an invocation that timed out in a loop, and serves the next one on a fresh thread", async () => {
    const single = new FunctionThreads({ name: "parsePage", module: MODULE, threads: 1, env: process.env });
    try {
      await single.start();
      const onThread = (timeoutSeconds: number) =>
        new LocalFunction<SQSEvent, unknown>({
          name: "scripted",
          region: REGION,
          timeoutSeconds,
          maxConcurrency: 1,
          factory: single.factory<SQSEvent, unknown>(),
          onDiscard: (id) => single.discard(id),
        });

      await expect(onThread(1).invoke(event("spin"))).rejects.toBeInstanceOf(FunctionTimeoutError);
      // The looping thread can answer nothing more: only a new thread serves this (its start counts
      // toward the timeout, hence a long one).
      const next = (await onThread(30).invoke(event("ok"))) as Record<string, unknown>;
      expect(next.batchItemFailures).toEqual([]);
      expect(next.invocations).toBe(1);
    } finally {
      await single.stop();
    }
  });

  it("fails the invocations of a thread that dies, and starts the thread again for the next one", async () => {
    const fn = scriptedFunction(30);

    await expect(fn.invoke(event("exit"))).rejects.toThrow(/exited with code 3/);
    const next = (await fn.invoke(event("ok"))) as Record<string, unknown>;
    expect(next.batchItemFailures).toEqual([]);
  });

  it("fails the start of a thread that exits while its handler loads, rather than waiting for it forever", async () => {
    const doomed = new FunctionThreads({
      name: "parsePage",
      module: MODULE,
      threads: 1,
      env: { ...process.env, DOCKET_SCRIPTED_EXIT_ON_LOAD: "1" },
    });
    try {
      await expect(doomed.start()).rejects.toThrow(/exited with code 4 before it was ready/);
    } finally {
      await doomed.stop();
    }
  });
});

describe("failures on a worker thread, through the SQS event source", () => {
  let emulators: Emulators;
  let sqs: SQSClient;
  let source: SqsEventSource | undefined;
  let queueUrl = "";
  let dlqUrl = "";
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    emulators = await startEmulators();
    sqs = new SQSClient({ region: REGION, endpoint: emulators.fauxqsUrl, credentials: LOCAL_CREDENTIALS });
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "scripted-dlq" }));
    dlqUrl = dlq.QueueUrl ?? "";
    const dlqArn = await arnOf(dlqUrl);
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: "scripted",
        Attributes: {
          // Short, so failed messages come round within the test; long enough for an answered batch.
          VisibilityTimeout: "2",
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    queueUrl = queue.QueueUrl ?? "";
    const fn = scriptedFunction(1);
    source = new SqsEventSource({
      sqs,
      queueUrl,
      queueArn: await arnOf(queueUrl),
      region: REGION,
      // One message a batch, so a failing message never takes a succeeding one down with it.
      batchSize: 1,
      maxBatchingWindowMs: 0,
      concurrency: 2,
      waitTimeSeconds: 1,
      invoke: async (sqsEvent) => {
        for (const record of sqsEvent.Records) attempts.set(record.body, (attempts.get(record.body) ?? 0) + 1);
        return fn.invoke(sqsEvent);
      },
    });
    source.start();
  });

  afterAll(async () => {
    await source?.stop();
    await emulators?.stop();
  });

  async function arnOf(url: string): Promise<string> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
    );
    return Attributes?.QueueArn ?? "";
  }

  async function depth(url: string): Promise<number> {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  }

  it("deletes what succeeded and moves a thrown, a failed and a timed-out message to the DLQ after maxReceiveCount", async () => {
    for (const body of ["ok", "throw", "fail", "hang"]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }

    const deadline = Date.now() + 120_000;
    while ((await depth(queueUrl)) > 0 || (await depth(dlqUrl)) < 3) {
      if (Date.now() > deadline) throw new Error(`queue ${await depth(queueUrl)}, DLQ ${await depth(dlqUrl)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const inDlq = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );

    expect((inDlq.Messages ?? []).map((message) => message.Body).sort()).toEqual(["fail", "hang", "throw"]);
    expect(attempts.get("throw")).toBeGreaterThanOrEqual(2);
    expect(attempts.get("hang")).toBeGreaterThanOrEqual(2);
  });
});
