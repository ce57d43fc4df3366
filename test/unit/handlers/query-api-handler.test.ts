import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENV } from "../../../shared/config/env";
import { apiEvent, get } from "../query/support/events";

const context = {
  functionName: "docket-prod-query-api",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:ap-east-1:111122223333:function:docket-prod-query-api",
  memoryLimitInMB: "1024",
  awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
} as Context;

/** What the handler module wrote (Powertools logs and EMF metrics), one JSON object per line. */
function captureOutput(): () => Record<string, unknown>[] {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      return true;
    });
  }
  return () => lines.flatMap((line) => (line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : []));
}

const metricNames = (emf: Record<string, unknown>) =>
  ((emf._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } | undefined)?.CloudWatchMetrics ?? []).flatMap(
    (m) => m.Metrics.map((metric) => metric.Name),
  );

beforeEach(() => {
  vi.resetModules();
  vi.stubEnv("POWERTOOLS_LOG_LEVEL", "INFO");
  vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
  vi.stubEnv("POWERTOOLS_SERVICE_NAME", "query-api");
  // As Lambda sets it for an on-demand sandbox: Powertools counts cold starts only then.
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  vi.stubEnv(ENV.tableName, "");
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("query-api handler", () => {
  it("logs with the Lambda request id and counts one cold start per container", async () => {
    const output = captureOutput();
    const { handler } = await import("../../../functions/query-api/handler");

    // No table configured: the request fails inside the API, which logs it.
    expect((await handler(get("/meetings"), context)).statusCode).toBe(500);
    expect((await handler(get("/meetings"), context)).statusCode).toBe(500);

    const written = output();
    const failures = written.filter((line) => line.message === "request failed");
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ function_request_id: context.awsRequestId, cold_start: true });
    expect(failures[1]).toMatchObject({ function_request_id: context.awsRequestId, cold_start: false });
    expect(written.filter((line) => metricNames(line).includes("ColdStart"))).toHaveLength(1);
  });

  it("lets only the stage's origins read answers, echoing the caller's origin", async () => {
    vi.stubEnv(ENV.corsAllowOrigins, JSON.stringify(["https://app.example.org"]));
    const { handler } = await import("../../../functions/query-api/handler");
    const from = (origin: string) => ({ ...get("/unknown"), headers: { Origin: origin } });

    const listed = await handler(from("https://app.example.org"), context);
    expect(listed.headers).toMatchObject({ "Access-Control-Allow-Origin": "https://app.example.org", Vary: "Origin" });
    const other = await handler(from("https://evil.example.com"), context);
    expect(other.statusCode).toBe(404);
    expect(other.headers).not.toHaveProperty("Access-Control-Allow-Origin");
  });

  it("grants no origin when the stage allows the API's own origin only", async () => {
    vi.stubEnv(ENV.corsAllowOrigins, "[]");
    const { handler } = await import("../../../functions/query-api/handler");
    const result = await handler({ ...apiEvent("GET", "/unknown"), headers: { origin: "https://a.example" } });
    expect(result.statusCode).toBe(404);
    expect(result.headers).not.toHaveProperty("Access-Control-Allow-Origin");
  });

  it("answers any origin when none is configured (the local runtime)", async () => {
    const { handler } = await import("../../../functions/query-api/handler");
    expect((await handler(get("/unknown"))).headers).toMatchObject({ "Access-Control-Allow-Origin": "*" });
  });

  // A REST API's Lambda proxy event carries the request path as the client sent it, percent-encoded
  // (`path`, and `pathParameters` for the resource's {name}); HTTP APIs and the local runtime may pass
  // it decoded. Both must name the same person, and a bad escape is a 400 naming the parameter.
  it.each([
    ["percent-encoded, as a REST API passes it", `/people/${encodeURIComponent("李超鲲")}`],
    ["decoded", "/people/李超鲲"],
  ])("reads a person's name from a %s path", async (_how, path) => {
    vi.stubEnv("POWERTOOLS_LOG_LEVEL", "SILENT");
    const { handler } = await import("../../../functions/query-api/handler");
    const event = {
      ...get(path),
      resource: "/people/{name}",
      pathParameters: { name: path.slice("/people/".length) },
    };
    // The name is accepted (the missing table is what fails next), never refused as malformed.
    const result = await handler(event);
    expect(result.statusCode).toBe(500);
    const bad = await handler({ ...event, path: "/people/%E6%9D", pathParameters: { name: "%E6%9D" } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ parameter: "name" });
  });
});
