import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redriveQueue } from "../../infra/cli/redrive-dlq";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { type NotificationLog, startNotificationLog } from "./support/notification-log";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * Chaos at the wire: the functions' S3, SQS and DynamoDB calls fail (or are
 * throttled) at rate 0.2, answered by the local AWS endpoint with the
 * services' real errors. The SDK's retries, partial batch failures,
 * redelivery and, for what still reaches a DLQ, `docket redrive`'s code must
 * between them lose nothing. The short visibility timeout brings failed
 * messages round in seconds; a slow healthy one redelivered early is only a
 * duplicate, which the pipeline absorbs.
 */
const PAGE_COUNT = 20;
const MAX_REDRIVE_ROUNDS = 5;

let pipeline: TestPipeline;
let notifications: NotificationLog;
const keys: string[] = [];

beforeAll(async () => {
  pipeline = await startTestPipeline({
    faults: { rate: 0.2, seed: 8 },
    visibilityTimeoutSeconds: { pageEvents: 20, records: 20 },
  });
  notifications = await startNotificationLog(pipeline);
  const dir = join(REPO_ROOT, "test/fixtures/pages");
  const slugs = (await readdir(dir)).filter((slug) => slug.startsWith("seed-") || slug.startsWith("html-")).sort();
  for (const slug of slugs.slice(0, PAGE_COUNT)) {
    const file = slug.startsWith("seed-") ? "page.txt" : "page.html";
    const key = `raw/chaos/${slug}.${file.split(".")[1]}`;
    keys.push(key);
    await pipeline.put(key, await readFile(join(dir, slug, file)));
  }
});

afterAll(async () => {
  await notifications?.stop();
  await pipeline?.stop();
});

const uriOf = (key: string) => `s3://${pipeline.resources.rawBucketName}/${key}`;
const unsettled = () => keys.filter((key) => notifications.forUri(uriOf(key)).length === 0);

describe("the pipeline with 20% of the functions' AWS calls failing", () => {
  let rounds = 0;
  beforeAll(async () => {
    // Whatever fails five times waits in a DLQ; redrive it once the work queues are idle, a bounded number of times.
    await eventually(async () => {
      if (unsettled().length === 0) {
        const depths = await pipeline.queueDepths();
        if (depths.pageEventsDlq.visible + depths.recordsDlq.visible === 0) return true;
      }
      await pipeline.waitForIdle({ timeoutMs: 200_000 });
      const depths = await pipeline.queueDepths();
      if (depths.pageEventsDlq.visible + depths.recordsDlq.visible > 0 && rounds < MAX_REDRIVE_ROUNDS) {
        rounds++;
        const { resources, clients } = pipeline;
        await redriveQueue(clients.sqs, resources.pageEventsDlqUrl, resources.pageEventsQueueUrl);
        await redriveQueue(clients.sqs, resources.recordsDlqUrl, resources.recordsQueueUrl);
      }
      return undefined;
    }, 600_000);
  }, 660_000);

  it("injected faults of the kinds asked for", () => {
    const { s3, sqs, dynamodb } = pipeline.faultsInjected;
    expect(s3 + sqs + dynamodb).toBeGreaterThan(0);
    expect(dynamodb).toBeGreaterThan(0);
  });

  it("still stores or rejects every uploaded page", () => {
    expect(unsettled()).toEqual([]);
    expect(rounds).toBeLessThanOrEqual(MAX_REDRIVE_ROUNDS);
  });

  it("ends with every queue and DLQ empty", async () => {
    await pipeline.waitForEmptyQueues();
  });

  it("serves every stored record through the API", async () => {
    const ids = new Set(
      keys.flatMap((key) =>
        notifications
          .forUri(uriOf(key))
          .flatMap((notification) => (notification.type === "page.rejected" ? [] : [notification.id])),
      ),
    );
    expect(ids.size).toBeGreaterThan(0);
    for (const id of ids) {
      // The query function's reads are faulted too; a caller retries a 5xx.
      const status = await eventually(async () => {
        const { status } = await pipeline.get(`/meetings/${encodeURIComponent(id)}`);
        return status >= 500 ? undefined : status;
      }, 60_000);
      expect(status).toBe(200);
    }
  });
});
