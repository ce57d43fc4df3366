import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubLambdaEnv } from "./support/lambda-env";

/** The Node.js runtime's response-streaming global, as Lambda provides it: a test double recording its use. */
function lambdaRuntime() {
  const metadata: unknown[] = [];
  return {
    metadata,
    global: {
      streamifyResponse: vi.fn((handler: unknown) => ({ streamified: handler })),
      HttpResponseStream: {
        from: (stream: Writable, meta: unknown) => {
          metadata.push(meta);
          return stream;
        },
      },
    },
  };
}

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

const event = (path: string) => ({
  httpMethod: "GET",
  path,
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
});

beforeEach(() => {
  vi.resetModules();
  stubLambdaEnv();
});

afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as { awslambda?: unknown }).awslambda;
});

describe("the web function's handler", () => {
  it("in Lambda, is wrapped by streamifyResponse and writes status and headers through HttpResponseStream.from", async () => {
    const runtime = lambdaRuntime();
    (globalThis as { awslambda?: unknown }).awslambda = runtime.global;
    const { handler } = await import("../../../functions/web/handler");
    expect(runtime.global.streamifyResponse).toHaveBeenCalledOnce();
    const streaming = (handler as unknown as { streamified: (e: unknown, s: Writable) => Promise<void> }).streamified;
    const out = sink();
    await streaming(event("/no/such/page"), out.stream);
    expect(runtime.metadata).toEqual([
      { statusCode: 404, headers: expect.objectContaining({ "Content-Type": "text/html; charset=utf-8" }) },
    ]);
    expect(out.text()).toContain("没有这个页面");
  });

  it("outside Lambda (the SDK's empty awslambda object included), writes the documented prelude itself", async () => {
    (globalThis as { awslambda?: unknown }).awslambda = {};
    const { handler } = await import("../../../functions/web/handler");
    const out = sink();
    await (handler as (e: unknown, s: Writable) => Promise<void>)(event("/no/such/page"), out.stream);
    const [metadata, body] = out.text().split("\0".repeat(8));
    expect(JSON.parse(metadata ?? "")).toMatchObject({ statusCode: 404 });
    expect(body).toContain("没有这个页面");
  });

  it("hands the app the proxy event's stage as the base path: a page at /prod/… links under /prod/", async () => {
    (globalThis as { awslambda?: unknown }).awslambda = {};
    const { handler } = await import("../../../functions/web/handler");
    const out = sink();
    // a page the app does not have, so no read is made
    const staged = {
      ...event("/no/such/page"),
      resource: "/no/such/page",
      requestContext: { stage: "prod", path: "/prod/no/such/page" },
    };
    const context = { functionName: "web", awsRequestId: "r1", getRemainingTimeInMillis: () => 300_000 };
    await (handler as (e: unknown, s: Writable, c: unknown) => Promise<void>)(staged, out.stream, context);
    const links = [...out.text().matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((link) => link?.startsWith("/prod/"))).toBe(true);
    expect(out.text()).toContain("没有这个页面：/no/such/page");
  });
});
