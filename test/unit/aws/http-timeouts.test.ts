import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { s3Client, snsClient, sqsClient } from "../../../shared/aws/clients";
import { documentClient } from "../../../shared/aws/document-client";
import { HTTP_TIMEOUTS, type HttpTimeouts } from "../../../shared/aws/http-timeouts";
import { FUNCTION_TIMEOUT_SECONDS, PARSE_BUDGET_MS } from "../../../shared/config/resources";

const servers: (Server | HttpServer)[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server | HttpServer): Promise<string> {
  servers.push(server);
  server.on("connection", (socket: Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Point every client at `endpoint`, as the local emulators are, with test credentials. */
function useEndpoint(endpoint: string): void {
  vi.stubEnv("AWS_ENDPOINT_URL", endpoint);
  vi.stubEnv("AWS_REGION", "ap-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
}

/** A server that accepts every connection and reads the request, but never answers. */
async function stalledServer(): Promise<{ endpoint: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.resume();
  });
  return { endpoint: await listen(server), connections: () => connections };
}

const STALL: HttpTimeouts = { connectionMs: 1_000, idleMs: 200 };

interface TimedOut {
  name: string;
  message: string;
  $metadata?: { attempts?: number };
}

const CALLS: Record<string, (endpoint: string) => Promise<unknown>> = {
  S3: () => s3Client(process.env, STALL).send(new GetObjectCommand({ Bucket: "pages", Key: "raw/a.html" })),
  SQS: (endpoint) =>
    sqsClient(process.env, STALL).send(
      new SendMessageCommand({ QueueUrl: `${endpoint}/000/records`, MessageBody: "{}" }),
    ),
  SNS: () =>
    snsClient(process.env, STALL).send(
      new PublishCommand({ TopicArn: "arn:aws:sns:ap-east-1:000000000000:events", Message: "{}" }),
    ),
  DynamoDB: () => documentClient(process.env, STALL).send(new GetCommand({ TableName: "records", Key: { pk: "a" } })),
};

describe("the SDK clients' network timeouts", () => {
  it.each(Object.keys(CALLS))(
    "%s: a server that takes the request and never answers fails the call with a retryable TimeoutError",
    async (service) => {
      const { endpoint, connections } = await stalledServer();
      useEndpoint(endpoint);
      const error = (await CALLS[service]?.(endpoint).then(
        () => expect.unreachable("the call must not succeed"),
        (e: unknown) => e,
      )) as TimedOut;
      expect(error.name).toBe("TimeoutError");
      expect(error.message).toContain("timed out after 200 ms of inactivity");
      // The SDK treated it as transient: it retried, each attempt on a fresh connection, then gave up.
      expect(error.$metadata?.attempts).toBeGreaterThan(1);
      expect(connections()).toBe(error.$metadata?.attempts);
    },
  );

  it("S3: limits the silences, not the whole call, so a large object streams for as long as bytes keep coming", async () => {
    const idleMs = 900;
    let sent = 0;
    let streamedMs = 0;
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      const started = Date.now();
      // Gaps a sixth of the idle limit; the body takes more than twice that limit in all.
      const timer = setInterval(() => {
        streamedMs = Date.now() - started;
        if (streamedMs > 2 * idleMs) {
          clearInterval(timer);
          response.end();
          return;
        }
        const chunk = "会".repeat(1024);
        sent += Buffer.byteLength(chunk);
        response.write(chunk);
      }, idleMs / 6);
    });
    useEndpoint(await listen(server));
    const client = s3Client(process.env, { connectionMs: 1_000, idleMs });
    const { Body } = await client.send(new GetObjectCommand({ Bucket: "pages", Key: "raw/big.html" }));
    const body = await Body?.transformToByteArray();
    expect(body?.byteLength).toBe(sent);
    expect(streamedMs).toBeGreaterThan(idleMs);
  });

  it("keeps connections alive: consecutive calls share one", async () => {
    let connections = 0;
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html></html>");
    });
    server.on("connection", () => connections++);
    useEndpoint(await listen(server));
    const client = s3Client(process.env, STALL);
    for (const key of ["raw/a.html", "raw/b.html", "raw/c.html"]) {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: "pages", Key: key }));
      await Body?.transformToString();
    }
    expect(connections).toBe(1);
  });

  it("lets a call stalled on every attempt fail inside the shortest function timeout that makes it", () => {
    // The SDK's standard retry strategy: three attempts, at most 0.2 s and 0.4 s of backoff between them.
    const worstMs = (t: HttpTimeouts) => 3 * (t.connectionMs + t.idleMs) + 200 + 400;
    // query-api reads DynamoDB (and the cursor key) behind a 10 s timeout.
    for (const timeouts of [HTTP_TIMEOUTS.dynamodb, HTTP_TIMEOUTS.secretsManager]) {
      expect(worstMs(timeouts)).toBeLessThan(FUNCTION_TIMEOUT_SECONDS.queryApi * 1000);
    }
    // S3 reads and writes, SQS and SNS sends: store-record (30 s) and parse-page (60 s).
    for (const timeouts of [HTTP_TIMEOUTS.s3, HTTP_TIMEOUTS.sqs, HTTP_TIMEOUTS.sns]) {
      expect(worstMs(timeouts)).toBeLessThan(FUNCTION_TIMEOUT_SECONDS.storeRecord * 1000);
    }
  });

  it("lets parse-page's calls for other pages wait out one page's whole parse budget", () => {
    for (const timeouts of [HTTP_TIMEOUTS.s3, HTTP_TIMEOUTS.sqs, HTTP_TIMEOUTS.sns]) {
      expect(timeouts.idleMs).toBeGreaterThan(PARSE_BUDGET_MS);
      // From 6 s up, the SDK's handler arms the idle limit only 3 s after connecting.
      expect(timeouts.idleMs).toBeLessThan(6_000);
    }
  });
});
