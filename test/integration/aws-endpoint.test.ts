import type http from "node:http";
import type { IncomingMessage } from "node:http";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsEndpoint, type Fauxqs } from "../../infra/local/aws-endpoint";
import { injectedSendMessageBatch } from "../../infra/local/fauxqs-send-message-batch";
import { type ListeningServer, listen } from "../../infra/local/listen-on-loopback";
import { RawObjectNotifier } from "../../infra/local/raw-object-notifier";
import { LOCAL_CREDENTIALS } from "../../shared/config/local-state-file";
import { eventually } from "./support/test-pipeline";

/**
 * The advertised AWS endpoint on its own (the runtime serves it on the
 * emulator thread): fauxqs and dynalite answer in-process behind one port,
 * and a write under raw/ is answered only once its event is on the queue,
 * or 503 SlowDown when it cannot be queued, which the SDK retries.
 */
const BUCKET = "raw-bucket";
let fauxqs: Fauxqs;
let dynamo: http.Server;
let endpoint: ListeningServer;
let queueUrl: string;
let clientOptions: { region: string; endpoint: string; credentials: typeof LOCAL_CREDENTIALS };
/** Fails this many SendMessageBatch calls before sending for real. */
let queueFailuresLeft = 0;
let queueCalls = 0;
/** While set, SendMessageBatch waits for it: the write being announced keeps its key. */
let queueGate: Promise<void> | undefined;
/** Requests as the endpoint received them. */
const arrivals: IncomingMessage[] = [];

beforeAll(async () => {
  fauxqs = buildApp({ logger: false });
  dynamo = dynalite({ createTableMs: 0 }) as http.Server;
  let notifier: RawObjectNotifier | undefined;
  const server = createAwsEndpoint({ fauxqs, dynamodb: dynamo, notifier: () => notifier });
  server.on("request", (req: IncomingMessage) => arrivals.push(req));
  await fauxqs.ready();
  endpoint = await listen(server, "127.0.0.1", 0);
  clientOptions = { region: "us-east-1", endpoint: endpoint.url, credentials: LOCAL_CREDENTIALS };

  await new S3Client({ ...clientOptions, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: BUCKET }));
  ({ QueueUrl: queueUrl = "" } = await new SQSClient(clientOptions).send(
    new CreateQueueCommand({ QueueName: "page-events" }),
  ));
  const send = injectedSendMessageBatch(fauxqs);
  notifier = new RawObjectNotifier({
    region: "us-east-1",
    bucket: BUCKET,
    prefix: "raw/",
    queueUrl,
    stat: () => ({ size: 5, eTag: "stored" }),
    sendAttempts: 1,
    sendMessageBatch: async (request) => {
      queueCalls++;
      await queueGate;
      if (queueFailuresLeft > 0) {
        queueFailuresLeft--;
        throw new Error("queue unavailable");
      }
      return send(request);
    },
  });
});

afterAll(async () => {
  await endpoint?.close();
  await fauxqs?.close();
  dynamo?.close();
});

async function receiveNow(): Promise<S3Event[]> {
  const { Messages = [] } = await new SQSClient(clientOptions).send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages.map((message) => JSON.parse(message.Body ?? "") as S3Event);
}

describe("the advertised AWS endpoint", () => {
  it("answers DynamoDB on the same port as S3 and SQS", async () => {
    const tables = await new DynamoDBClient(clientOptions).send(new ListTablesCommand({}));

    expect(tables.TableNames).toEqual([]);
  });

  it("has a write's event on the queue by the time the writer hears 200", async () => {
    await new S3Client({ ...clientOptions, forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "raw/first.html", Body: "hello" }),
    );

    const events = await receiveNow();

    expect(events.map((event) => event.Records[0]?.s3.object.key)).toEqual(["raw/first.html"]);
  });

  it("answers 503 SlowDown when the event cannot be queued", async () => {
    queueFailuresLeft = 1;
    const s3 = new S3Client({ ...clientOptions, forcePathStyle: true, maxAttempts: 1 });

    await expect(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "raw/refused.html", Body: "x" })),
    ).rejects.toMatchObject({ name: "SlowDown", $metadata: { httpStatusCode: 503 } });
    expect(await receiveNow()).toEqual([]);
  });

  it("is retried by the SDK after a SlowDown, and announces the write once", async () => {
    queueFailuresLeft = 1;
    const callsBefore = queueCalls;

    await new S3Client({ ...clientOptions, forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "raw/retried.html", Body: "x" }),
    );

    expect(queueCalls - callsBefore).toBe(2);
    expect((await receiveNow()).map((event) => event.Records[0]?.s3.object.key)).toEqual(["raw/retried.html"]);
  });

  it("serves the next write to a key after a writer that hung up while waiting for it", async () => {
    let openQueue: () => void = () => undefined;
    queueGate = new Promise<void>((resolve) => (openQueue = resolve));
    const s3 = new S3Client({ ...clientOptions, forcePathStyle: true, maxAttempts: 1 });
    const put = (body: string, abortSignal?: AbortSignal) =>
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "raw/contended.html", Body: body }), { abortSignal });
    const callsBefore = queueCalls;

    const first = put("first");
    await eventually(() => (queueCalls > callsBefore ? true : undefined)); // its event on the way, the key held
    const arrivedBefore = arrivals.length;
    const hangUp = new AbortController();
    const second = put("second", hangUp.signal).catch((error: unknown) => error);
    const waiting = await eventually(() => arrivals[arrivedBefore]);
    hangUp.abort();
    await eventually(() => (waiting.destroyed ? true : undefined));
    openQueue();
    queueGate = undefined;
    await first;
    let bound: NodeJS.Timeout | undefined;
    const third = await Promise.race([
      put("third").then(() => "answered"),
      new Promise((resolve) => {
        bound = setTimeout(resolve, 60_000, "still waiting for the key");
      }),
    ]);
    clearTimeout(bound);

    expect(third).toBe("answered");
    expect(await second).toMatchObject({ name: "AbortError" });
    expect((await receiveNow()).map((event) => event.Records[0]?.s3.object.key)).toEqual([
      "raw/contended.html",
      "raw/contended.html",
    ]);
  });

  it("announces nothing outside the raw prefix", async () => {
    await new S3Client({ ...clientOptions, forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "elsewhere/page.html", Body: "x" }),
    );

    expect(await receiveNow()).toEqual([]);
  });
});
