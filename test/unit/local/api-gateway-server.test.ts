import { request } from "node:http";
import type { Writable } from "node:stream";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiGatewayServer, startApiGatewayServer } from "../../../infra/local/api-gateway-server";
import { WEB_FUNCTIONS, type WebFunctionName } from "../../../shared/config/web-routes";
import type { WebApp } from "../../../shared/web/web-request";
import { webStreamHandler, writeResponsePrelude } from "../../../shared/web/web-stream-handler";

let server: ApiGatewayServer;

/** The server on a free port, its function answering {} and, when given, its web functions' apps (streamed, as in Lambda). */
const start = (apps?: Record<WebFunctionName, WebApp>) =>
  startApiGatewayServer({
    host: "127.0.0.1",
    port: 0,
    stage: "local",
    region: "us-east-1",
    invoke: async () => ({ statusCode: 200, headers: {}, body: "{}" }),
    ...(apps
      ? {
          web: Object.fromEntries(
            WEB_FUNCTIONS.map((name) => [
              name,
              webStreamHandler(apps[name], { error: () => {} }, writeResponsePrelude),
            ]),
          ) as Record<WebFunctionName, (event: APIGatewayProxyEvent, stream: Writable) => Promise<void>>,
        }
      : {}),
  });

beforeAll(async () => {
  server = await start();
});

afterAll(async () => {
  await server?.close();
});

function get(headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/meetings`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"]),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the local API Gateway server", () => {
  it("answers headers too large for it with a 431 that says why, in the gateway's JSON shape", async () => {
    const answer = await get({ "x-padding": "a".repeat(64 * 1024) });
    expect([answer.status, answer.type]).toEqual([431, "application/json"]);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "REQUEST_TOO_LARGE", message: expect.any(String) } });
  });
});

describe("the local API Gateway server's web pages", () => {
  let web: ApiGatewayServer;
  /** Each function answers with its own name and the path it was asked for. */
  const answering =
    (name: string): WebApp =>
    async (request) => ({
      status: 200,
      headers: { "Content-Type": "text/html; charset=utf-8" },
      body: `<p>页 ${name} ${request.path}</p>`,
    });
  beforeAll(async () => {
    web = await start({ web: answering("web"), download: answering("download") });
  });
  afterAll(async () => {
    await web?.close();
  });

  const send = (method: string, path: string) =>
    new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
      const req = request(`${web.url}${path}`, { method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            allow: res.headers.allow,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });

  it("serve GET and HEAD, HEAD without the body, as the stack's web methods do", async () => {
    expect(await send("GET", "/meeting/rec_1")).toMatchObject({ status: 200, body: "<p>页 web /meeting/rec_1</p>" });
    expect(await send("HEAD", "/meeting/rec_1")).toMatchObject({ status: 200, body: "" });
  });

  it("send each route to the function the route table names: pages to web, downloads to download", async () => {
    expect((await send("GET", "/")).body).toBe("<p>页 web /</p>");
    expect((await send("GET", "/person/%E6%9D%8E")).body).toBe("<p>页 web /person/%E6%9D%8E</p>");
    expect((await send("GET", "/download/meetings.csv")).body).toBe("<p>页 download /download/meetings.csv</p>");
    expect((await send("GET", "/download/meetings.jsonl?region=x")).body).toBe(
      "<p>页 download /download/meetings.jsonl</p>",
    );
  });

  it("answer another method with the stack's JSON 405 naming GET and HEAD", async () => {
    const answer = await send("POST", "/download/meetings.csv");
    expect([answer.status, answer.allow]).toEqual([405, "GET, HEAD"]);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "method_not_allowed", message: expect.any(String) } });
  });

  it("keep the API's own 405 on API routes, naming GET and OPTIONS", async () => {
    const answer = await send("POST", "/meetings");
    expect([answer.status, answer.allow]).toEqual([405, "GET, OPTIONS"]);
  });
});

describe("the local API Gateway server's streamed responses", () => {
  let failing: ApiGatewayServer;
  beforeAll(async () => {
    failing = await startApiGatewayServer({
      host: "127.0.0.1",
      port: 0,
      stage: "local",
      region: "us-east-1",
      invoke: async () => ({ statusCode: 200, headers: {}, body: "{}" }),
      web: {
        // Fails before writing its status: the gateway's own 502.
        web: async () => {
          throw new Error("cold start failed");
        },
        // Writes its status, one row in two chunks (the prelude split across them), then fails.
        download: async (_event, stream) => {
          const prelude = `${JSON.stringify({ statusCode: 200, headers: { "Content-Type": "text/csv" } })}${"\0".repeat(8)}`;
          stream.write(prelude.slice(0, 10));
          stream.write(`${prelude.slice(10)}id\r\n`);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error("table went away");
        },
      },
    });
  });
  afterAll(async () => {
    await failing?.close();
  });

  it("answers a function that fails before its status with the gateway's JSON 502", async () => {
    const response = await fetch(`${failing.url}/`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: "DEFAULT_5XX", message: "Internal server error" } });
  });

  it("sends the status and headers a function streams, and cuts the connection when it fails after them", async () => {
    const response = await fetch(`${failing.url}/download/meetings.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv");
    // Never a short file that looks whole: reading the body fails.
    await expect(response.text()).rejects.toThrow();
  });
});
