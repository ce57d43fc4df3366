import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiGatewayServer, startApiGatewayServer } from "../../../infra/local/api-gateway-server";

let server: ApiGatewayServer;

beforeAll(async () => {
  server = await startApiGatewayServer({
    host: "127.0.0.1",
    port: 0,
    stage: "local",
    region: "us-east-1",
    invoke: async () => ({ statusCode: 200, headers: {}, body: "{}" }),
  });
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
