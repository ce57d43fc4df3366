import net from "node:net";
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, S3Event, SQSEvent, SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCHING, QUEUES } from "../../shared/config/resources";
import { eventually, startTestPipeline, type TestPipeline } from "./support/test-pipeline";

/**
 * The local runtime itself, with stand-in handlers: S3 event emission, the
 * SQS event sources (batches, partial failures, redrive to the DLQ) and the
 * API Gateway proxy events. The real handlers are covered by pipeline tests.
 */
const parseEvents: SQSEvent[] = [];
const storeAttempts: SQSRecord[] = [];
const stored: string[] = [];
const apiEvents: APIGatewayProxyEvent[] = [];

let pipeline: TestPipeline;

beforeAll(async () => {
  pipeline = await startTestPipeline({
    // Stand-ins answer at once, so retries can come round quickly (with room for a loaded machine).
    visibilityTimeoutSeconds: { pageEvents: 5, records: 5 },
    handlers: {
      // Forwards each announced key to the records queue, like parse-page does with records.
      parsePage: async () => async (event) => {
        parseEvents.push(event);
        for (const record of event.Records) {
          const s3Event = JSON.parse(record.body) as S3Event;
          for (const s3Record of s3Event.Records) {
            await pipeline.clients.sqs.send(
              new SendMessageCommand({
                QueueUrl: pipeline.resources.recordsQueueUrl,
                MessageBody: s3Record.s3.object.key,
              }),
            );
          }
        }
        return { batchItemFailures: [] };
      },
      // Fails keys containing "fail-me"; throws (whole batch) on "throw-me".
      storeRecord: async () => async (event) => {
        storeAttempts.push(...event.Records);
        if (event.Records.some((record) => record.body.includes("throw-me"))) throw new Error("store crashed");
        const failures = event.Records.filter((record) => record.body.includes("fail-me"));
        stored.push(...event.Records.filter((record) => !failures.includes(record)).map((record) => record.body));
        return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
      },
      queryApi: async () => async (event) => {
        apiEvents.push(event);
        return { statusCode: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' };
      },
    },
  });
});

afterAll(async () => {
  await pipeline?.stop();
});

/** The S3 events announced for `key`, once each (a redelivered message repeats its event and sequencer). */
function s3RecordsFor(key: string) {
  const bySequencer = new Map(
    parseEvents
      .flatMap((event) => event.Records)
      .flatMap((record) => (JSON.parse(record.body) as S3Event).Records)
      .filter((record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, " ")) === key)
      .map((record) => [record.s3.object.sequencer, record]),
  );
  return [...bySequencer.values()];
}

describe("S3 event notifications", () => {
  it("puts an S3 event of AWS's shape on the page-events queue for an upload under raw/", async () => {
    await pipeline.put("raw/shape/page.txt", "hello");

    const [record] = await eventually(() => {
      const found = s3RecordsFor("raw/shape/page.txt");
      return found.length > 0 ? found : undefined;
    });

    expect(record).toMatchObject({
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "us-east-1",
      eventName: "ObjectCreated:Put",
      s3: {
        s3SchemaVersion: "1.0",
        bucket: { name: pipeline.resources.rawBucketName, arn: `arn:aws:s3:::${pipeline.resources.rawBucketName}` },
        object: { key: "raw/shape/page.txt", size: 5, eTag: "5d41402abc4b2a76b9719d911017c592" },
      },
    });
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
    expect(Number.isNaN(Date.parse(record?.eventTime ?? ""))).toBe(false);
  });

  it("encodes the key as S3 does: spaces as +, non-ASCII and reserved characters percent-encoded", async () => {
    await pipeline.put("raw/会议 纪要(1)+.txt", "x");

    const [record] = await eventually(() => {
      const found = s3RecordsFor("raw/会议 纪要(1)+.txt");
      return found.length > 0 ? found : undefined;
    });

    expect(record?.s3.object.key).toBe("raw/%E4%BC%9A%E8%AE%AE+%E7%BA%AA%E8%A6%81%281%29%2B.txt");
  });

  it("keeps . and .. segments in a key literally, as S3 does, and announces that key", async () => {
    const key = "raw/dots/./a/../b.txt";
    await pipeline.put(key, "dots");

    const [record] = await eventually(() => {
      const found = s3RecordsFor(key);
      return found.length > 0 ? found : undefined;
    });
    const listed = await pipeline.clients.s3.send(
      new ListObjectsV2Command({ Bucket: pipeline.resources.rawBucketName, Prefix: "raw/dots/" }),
    );
    const read = await pipeline.clients.s3.send(
      new GetObjectCommand({ Bucket: pipeline.resources.rawBucketName, Key: key }),
    );

    expect(record?.s3.object.key).toBe("raw/dots/./a/../b.txt");
    expect((listed.Contents ?? []).map((object) => object.Key)).toEqual([key]);
    expect(await read.Body?.transformToString()).toBe("dots");
  });

  it("refuses a key over 1,024 bytes of UTF-8 with S3's KeyTooLongError, and takes one of exactly 1,024", async () => {
    const tooLong = `raw/${"键".repeat(341)}`; // 4 + 1,023 bytes
    const longest = `raw/${"键".repeat(340)}`; // 4 + 1,020 bytes

    await expect(pipeline.put(tooLong, "x")).rejects.toMatchObject({
      name: "KeyTooLongError",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(pipeline.put(longest, "x")).resolves.toBeUndefined();
    expect(Buffer.byteLength(longest)).toBe(1024);
  });

  it("emits nothing for objects outside raw/ or in another bucket", async () => {
    await pipeline.put("elsewhere/page.txt", "x");
    await pipeline.clients.s3.send(
      new PutObjectCommand({ Bucket: pipeline.resources.artifactsBucketName, Key: "raw/page.txt", Body: "x" }),
    );
    await pipeline.put("raw/marker-after-ignored.txt", "x");
    await eventually(() => (s3RecordsFor("raw/marker-after-ignored.txt").length > 0 ? true : undefined));
    await pipeline.waitForIdle({ timeoutMs: 200_000 });

    expect(s3RecordsFor("elsewhere/page.txt")).toHaveLength(0);
    expect(s3RecordsFor("raw/page.txt")).toHaveLength(0);
  });

  it("names copies and multipart uploads after their operation", async () => {
    const bucket = pipeline.resources.rawBucketName;
    await pipeline.put("raw/original.txt", "original");
    await pipeline.clients.s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: "raw/copied.txt", CopySource: `${bucket}/raw/original.txt` }),
    );
    const { UploadId } = await pipeline.clients.s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "raw/multipart.txt" }),
    );
    const part = await pipeline.clients.s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: "raw/multipart.txt", UploadId, PartNumber: 1, Body: "parts" }),
    );
    await pipeline.clients.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "raw/multipart.txt",
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );

    const copied = await eventually(() => s3RecordsFor("raw/copied.txt")[0]);
    const multipart = await eventually(() => s3RecordsFor("raw/multipart.txt")[0]);

    expect(copied.eventName).toBe("ObjectCreated:Copy");
    expect(multipart.eventName).toBe("ObjectCreated:CompleteMultipartUpload");
    expect(multipart.s3.object.size).toBe(5);
  });

  it("gives each later write to a key a greater sequencer", async () => {
    for (const body of ["one", "two", "three"]) await pipeline.put("raw/rewritten.txt", body);

    const records = await eventually(() => {
      const found = s3RecordsFor("raw/rewritten.txt");
      return found.length === 3 ? found : undefined;
    });
    const bySize = [...records].sort((a, b) => a.s3.object.sequencer.localeCompare(b.s3.object.sequencer));

    expect(bySize.map((record) => record.s3.object.size)).toEqual([3, 3, 5]);
    expect(new Set(records.map((record) => record.s3.object.sequencer)).size).toBe(3);
  });
});

describe("SQS event sources", () => {
  it("hands the function Lambda SQS records with the queue ARN and receive count", async () => {
    await pipeline.put("raw/sqs-shape.txt", "x");
    const batch = await eventually(() =>
      parseEvents.find((event) => event.Records.some((record) => record.body.includes("raw/sqs-shape.txt"))),
    );
    const record = batch.Records.find((r) => r.body.includes("raw/sqs-shape.txt"));

    expect(record).toMatchObject({
      eventSource: "aws:sqs",
      eventSourceARN: expect.stringMatching(/^arn:aws:sqs:us-east-1:\d{12}:docket-local-page-events$/),
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1", SenderId: expect.any(String), SentTimestamp: expect.any(String) },
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      md5OfBody: expect.any(String),
    });
  });

  it("keeps batches within the queue's batch size", () => {
    const largest = Math.max(...parseEvents.map((event) => event.Records.length));

    expect(largest).toBeLessThanOrEqual(BATCHING.interactive.pageEvents.batchSize);
  });

  it("retries only the failed message of a batch, then moves it to the DLQ after maxReceiveCount", async () => {
    await pipeline.put("raw/fail-me.txt", "x");
    await pipeline.put("raw/succeeds-beside-failure.txt", "x");

    const dlqBodies = await eventually(async () => {
      const depth = (await pipeline.queueDepths()).recordsDlq;
      return depth.visible === 1 ? depth : undefined;
    }, 200_000);
    const attempts = storeAttempts.filter((record) => record.body === "raw/fail-me.txt");

    expect(dlqBodies.visible).toBe(1);
    expect(attempts.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(
      Array.from({ length: QUEUES.records.maxReceiveCount }, (_, i) => String(i + 1)),
    );
    // At least once: a slow batch may be delivered again, but the neighbour is never held back.
    expect(stored).toContain("raw/succeeds-beside-failure.txt");
  });

  it("fails the whole batch when the function throws, so every message is received again", async () => {
    await pipeline.put("raw/throw-me.txt", "x");

    await eventually(() =>
      storeAttempts.some((r) => r.body === "raw/throw-me.txt" && r.attributes.ApproximateReceiveCount === "2")
        ? true
        : undefined,
    );

    expect(pipeline.logs.some((line) => line.includes("store crashed"))).toBe(true);
  });
});

describe("API Gateway", () => {
  it("turns a request into a REST proxy event with the matched resource and parameters as requested", async () => {
    const response = await pipeline.get("/people/%E6%9D%8E%E8%B6%85?limit=5&type=a&type=b");
    const event = apiEvents.at(-1);

    expect(response).toEqual({ status: 200, body: { ok: true } });
    expect(event).toMatchObject({
      resource: "/people/{name}",
      path: "/people/%E6%9D%8E%E8%B6%85",
      httpMethod: "GET",
      pathParameters: { name: "%E6%9D%8E%E8%B6%85" },
      queryStringParameters: { limit: "5", type: "b" },
      multiValueQueryStringParameters: { limit: ["5"], type: ["a", "b"] },
      requestContext: { stage: "local", resourcePath: "/people/{name}", requestId: expect.any(String) },
      body: null,
      isBase64Encoded: false,
    });
  });

  it("gives null parameter maps when there are none, as API Gateway does", async () => {
    await pipeline.get("/meetings");
    const event = apiEvents.at(-1);

    expect(event?.queryStringParameters).toBeNull();
    expect(event?.pathParameters).toBeNull();
  });

  it("answers a path no resource matches with a JSON 404, as the stack's catch-all route does", async () => {
    const response = await pipeline.get("/nowhere");

    expect(response).toEqual({ status: 404, body: { error: { code: "not_found", message: expect.any(String) } } });
  });

  it("answers a method a route lacks with a JSON 405 naming the allowed methods", async () => {
    const response = await fetch(`${pipeline.apiUrl}/meetings`, { method: "POST", body: "{}" });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, OPTIONS");
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  it("accepts raw UTF-8 in the query string, as API Gateway does, on a kept-alive connection", async () => {
    const { port } = new URL(pipeline.apiUrl);
    const request = (region: string) =>
      Buffer.concat([Buffer.from(`GET /meetings?region=${region}&limit=5 HTTP/1.1\r\nHost: x\r\n\r\n`, "utf8")]);
    const replies = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(request("钟楼区"));
        socket.write(request("常州市"));
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString("utf8");
        if ((text.match(/HTTP\/1\.1 200/g) ?? []).length === 2) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
    });

    expect(replies.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(apiEvents.slice(-2).map((event) => event.queryStringParameters?.region)).toEqual(["钟楼区", "常州市"]);
  });
});
