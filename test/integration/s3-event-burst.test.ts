import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * S3 event notifications under a burst: every acknowledged upload puts its
 * event on the queue before the client hears 200, so none is lost however
 * many arrive at once. A stand-in parse-page only notes the keys it is told
 * about. On a loaded machine this takes minutes: the deadline is generous,
 * and only keeps a lost event from hanging the run.
 */
const BURST = 2000;
const announced = new Set<string>();
let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await startTestPipeline({
    handlers: {
      parsePage: async () => async (event) => {
        for (const record of event.Records) {
          for (const s3Record of (JSON.parse(record.body) as S3Event).Records) announced.add(s3Record.s3.object.key);
        }
        return { batchItemFailures: [] };
      },
    },
  });
});

afterAll(async () => {
  await pipeline?.stop();
});

describe("a burst of concurrent uploads", () => {
  it(`announces every one of ${BURST.toLocaleString("en")} uploads`, { timeout: 900_000 }, async () => {
    const keys = Array.from({ length: BURST }, (_, i) => `raw/burst/${i}.txt`);
    await Promise.all(keys.map((key) => pipeline.put(key, key)));

    await eventually(() => (announced.size >= BURST ? true : undefined), 800_000).catch(() => undefined);

    expect(keys.filter((key) => !announced.has(key))).toEqual([]);
    expect(pipeline.s3EventsEmitted).toBe(BURST);
  });
});
