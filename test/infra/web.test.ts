import { beforeAll, describe, expect, it } from "vitest";
import { applyStageOverrides, StageOverrideError } from "../../infra/stage-overrides";
import { STAGES } from "../../infra/stages";
import { WEB_METHODS, WEB_ROUTES } from "../../shared/config/web-routes";
import { DOWNLOAD_TIME_RESERVE_MS } from "../../shared/web/export-rows";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages, synthStage } from "./support/synth-stage";
import { logicalId, props, referencedId, resourcesOfType } from "./support/template-queries";

let stages: Record<(typeof STAGE_NAMES)[number], SynthesizedStage>;
beforeAll(() => {
  stages = synthAllStages();
});

interface MethodJson {
  HttpMethod: string;
  ApiKeyRequired?: boolean;
  ResourceId: unknown;
  Integration: { Type: string; Uri?: unknown };
}

/** Methods by "<METHOD> <path>", e.g. "GET /meeting/{id}". */
function methodsByPath({ template }: SynthesizedStage): Record<string, MethodJson> {
  const resources = resourcesOfType(template, "AWS::ApiGateway::Resource");
  const pathOf = (id: string | undefined): string => {
    const r = id ? resources[id] : undefined;
    if (!r) return "";
    return `${pathOf(referencedId(r.Properties?.ParentId))}/${r.Properties?.PathPart}`;
  };
  return Object.fromEntries(
    Object.values(resourcesOfType(template, "AWS::ApiGateway::Method")).map((m) => {
      const method = m.Properties as unknown as MethodJson;
      return [`${method.HttpMethod} ${pathOf(referencedId(method.ResourceId)) || "/"}`, method];
    }),
  );
}

describe.each(STAGE_NAMES)("web app (%s)", (name) => {
  it("serves every web route by GET and HEAD (as the local server does) from the function it names, without an API key", () => {
    const { stack } = stages[name];
    const methods = methodsByPath(stages[name]);
    expect(WEB_METHODS).toEqual(["GET", "HEAD"]);
    for (const route of WEB_ROUTES) {
      for (const key of WEB_METHODS.map((m) => `${m} ${route.path}`)) {
        const method = methods[key];
        expect(method, key).toBeDefined();
        expect(method?.ApiKeyRequired).toBe(false);
        expect(method?.Integration.Type).toBe("AWS_PROXY");
        expect(JSON.stringify(method?.Integration.Uri), key).toContain(logicalId(stack[route.function].lambda));
      }
    }
  });

  it("sends the downloads to the download function and the pages to the web function, never the other way", () => {
    const { stack } = stages[name];
    const methods = methodsByPath(stages[name]);
    const uri = (key: string) => JSON.stringify(methods[key]?.Integration.Uri);
    for (const path of ["/download/meetings.csv", "/download/meetings.jsonl"]) {
      expect(uri(`GET ${path}`), path).toContain(logicalId(stack.download.lambda));
      expect(uri(`GET ${path}`), path).not.toContain(logicalId(stack.web.lambda));
    }
    for (const path of ["/", "/meeting/{id}", "/person/{name}"]) {
      expect(uri(`GET ${path}`), path).toContain(logicalId(stack.web.lambda));
      expect(uri(`GET ${path}`), path).not.toContain(logicalId(stack.download.lambda));
    }
  });

  it("answers any other method on a web page with a keyless JSON 405 from API Gateway naming GET and HEAD, as locally", () => {
    const methods = methodsByPath(stages[name]);
    for (const route of WEB_ROUTES) {
      const method = methods[`ANY ${route.path}`] as MethodJson & { Integration: { IntegrationResponses?: object[] } };
      expect(method?.ApiKeyRequired, route.path).toBe(false);
      expect(method?.Integration.Type, route.path).toBe("MOCK");
      const responses = JSON.stringify(method?.Integration.IntegrationResponses);
      expect(responses, route.path).toContain('"StatusCode":"405"');
      expect(responses, route.path).toContain(`"method.response.header.Allow":"'GET, HEAD'"`);
      expect(responses, route.path).toContain("method_not_allowed");
    }
  });

  it("answers the bare intermediate paths (/people, /download) with the JSON 404, not API Gateway's 403", () => {
    const methods = methodsByPath(stages[name]);
    for (const path of ["/people", "/download", "/meeting", "/person"]) {
      expect(JSON.stringify(methods[`ANY ${path}`]?.Integration), path).toContain("not_found");
    }
  });

  it("has no resource policy unless webAllowCidrs is given", () => {
    const [api] = Object.values(resourcesOfType(stages[name].template, "AWS::ApiGateway::RestApi"));
    expect(api?.Properties?.Policy).toBeUndefined();
  });
});

describe("webAllowCidrs", () => {
  it("limits the web pages, and only them, to the given addresses with a resource policy", () => {
    const stage = applyStageOverrides(STAGES.dev, { webAllowCidrs: "203.0.113.0/24, 198.51.100.7/32" });
    const { template } = synthStage("dev", { override: stage });
    const [api] = Object.values(resourcesOfType(template, "AWS::ApiGateway::RestApi"));
    const policy = api?.Properties?.Policy as { Statement: Record<string, unknown>[] } | undefined;
    const statements = policy?.Statement ?? [];
    const deny = statements.find((s) => s.Effect === "Deny");
    expect(deny?.Condition).toEqual({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.7/32"] } });
    expect([...((deny?.Resource as string[] | undefined) ?? [])].sort()).toEqual([
      "execute-api:/*/*/",
      "execute-api:/*/*/download/meetings.csv",
      "execute-api:/*/*/download/meetings.jsonl",
      "execute-api:/*/*/meeting/*",
      "execute-api:/*/*/person/*",
    ]);
    expect(statements.find((s) => s.Effect === "Allow")?.Resource).toBe("execute-api:/*");
  });

  it("rejects something that is not a CIDR list", () => {
    expect(() => applyStageOverrides(STAGES.dev, { webAllowCidrs: "my office" })).toThrow(StageOverrideError);
  });
});

describe.each(STAGE_NAMES)("web downloads in AWS (%s)", (name) => {
  it("stream each web function's response (API Gateway response streaming), waiting as long as that function may run", () => {
    const { stack } = stages[name];
    const methods = methodsByPath(stages[name]);
    for (const route of WEB_ROUTES) {
      const timeout = stack[route.function].lambda.timeout?.toMilliseconds();
      for (const key of WEB_METHODS.map((m) => `${m} ${route.path}`)) {
        const integration = methods[key]?.Integration as MethodJson["Integration"] & {
          ResponseTransferMode?: string;
          TimeoutInMillis?: number;
        };
        expect(integration.ResponseTransferMode, key).toBe("STREAM");
        expect(integration.TimeoutInMillis, key).toBe(timeout);
        // InvokeWithResponseStream, not Invoke: the streaming invocation path
        expect(JSON.stringify(integration.Uri), key).toContain("/response-streaming-invocations");
      }
    }
  });

  it("give downloads minutes in their own function, and the pages' function a short timeout", () => {
    const { template, stack, stage } = stages[name];
    const timeoutOf = (fn: typeof stack.web) => props(template, logicalId(fn.lambda)).Timeout as number;
    // A page waits no longer than API Gateway waits for an unstreamed answer.
    expect(timeoutOf(stack.web)).toBeLessThanOrEqual(29);
    // Long enough for a download to reach its row bound and keep its time reserve.
    expect(timeoutOf(stack.download) * 1000).toBeGreaterThan(DOWNLOAD_TIME_RESERVE_MS + 60_000);
    expect(timeoutOf(stack.download)).toBe(stage.functions.download.timeout.toSeconds());
  });

  it("reserve the download function a few slots of its own, fewer than the pages' where those are reserved", () => {
    const { template, stack, stage } = stages[name];
    const reserved = (fn: typeof stack.web) =>
      props(template, logicalId(fn.lambda)).ReservedConcurrentExecutions as number | undefined;
    const downloads = reserved(stack.download);
    expect(downloads).toBe(stage.functions.download.reservedConcurrency);
    expect(downloads).toBeGreaterThanOrEqual(1);
    expect(downloads).toBeLessThanOrEqual(10);
    const pages = reserved(stack.web);
    if (pages !== undefined) expect(downloads).toBeLessThan(pages);
  });

  it("keep the JSON API buffered (its answers are one page)", () => {
    const methods = methodsByPath(stages[name]);
    const integration = methods["GET /meetings"]?.Integration as { ResponseTransferMode?: string };
    expect(integration.ResponseTransferMode ?? "BUFFERED").toBe("BUFFERED");
  });
});

interface MethodSettingJson {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
  LoggingLevel?: string;
  MetricsEnabled?: boolean;
}

describe.each(STAGE_NAMES)("web download throttling (%s)", (name) => {
  const settings = () => {
    const { template, stack } = stages[name];
    return (props(template, logicalId(stack.api.api.deploymentStage)).MethodSettings ?? []) as MethodSettingJson[];
  };
  // A method setting names its resource path as "/" then the path with each "/" escaped as "~1".
  const escaped = (path: string) => `/${path.replace(/\//g, "~1")}`;

  it("limits GET and HEAD of each download below the stage's rate and burst, keeping the stage's logging and metrics", () => {
    const stage = stages[name].stage;
    expect(stage.api.downloadThrottle.rateLimit).toBeLessThan(stage.api.throttle.rateLimit);
    expect(stage.api.downloadThrottle.burstLimit).toBeLessThan(stage.api.throttle.burstLimit);
    for (const path of ["/download/meetings.csv", "/download/meetings.jsonl"])
      for (const method of ["GET", "HEAD"])
        expect(settings(), `${method} ${path}`).toContainEqual(
          expect.objectContaining({
            ResourcePath: escaped(path),
            HttpMethod: method,
            ThrottlingRateLimit: stage.api.downloadThrottle.rateLimit,
            ThrottlingBurstLimit: stage.api.downloadThrottle.burstLimit,
            LoggingLevel: "ERROR",
            MetricsEnabled: true,
          }),
        );
  });

  it("leaves the pages and the JSON API at the stage's limits", () => {
    const overridden = settings()
      .map((s) => s.ResourcePath)
      .filter((path) => path !== "/*");
    expect([...new Set(overridden)].sort()).toEqual(["/~1download~1meetings.csv", "/~1download~1meetings.jsonl"]);
  });
});
