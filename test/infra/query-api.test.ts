import { beforeAll, describe, expect, it } from "vitest";
import { INTEGRATION_FAILURE_RETRY_AFTER_SECONDS } from "../../infra/constructs/query-api";
import { API_ROUTES, pathParameterNames } from "../../shared/config/api-routes";
import { STAGE_NAMES, type SynthesizedStage, synthAllStages } from "./support/synth-stage";
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
  RequestParameters?: Record<string, boolean>;
  RequestValidatorId?: unknown;
}

/** The API routes' GET methods by their full path, e.g. "/meetings/{id}" (web pages are tested in web.test.ts). */
function getMethods({ template }: SynthesizedStage): Record<string, MethodJson> {
  const resources = resourcesOfType(template, "AWS::ApiGateway::Resource");
  const pathOf = (id: string | undefined): string => {
    const r = id ? resources[id] : undefined;
    if (!r) return "";
    return `${pathOf(referencedId(r.Properties?.ParentId))}/${r.Properties?.PathPart}`;
  };
  const methods = Object.values(resourcesOfType(template, "AWS::ApiGateway::Method"))
    .map((m) => m.Properties as unknown as MethodJson)
    .filter((m) => m.HttpMethod === "GET");
  return Object.fromEntries(
    methods
      .map((m) => [pathOf(referencedId(m.ResourceId)) || "/", m] as const)
      .filter(([path]) => API_ROUTES.some((route) => route.path === path)),
  );
}

describe.each(STAGE_NAMES)("query API (%s)", (name) => {
  const s = () => stages[name];

  it("routes GET on every API route to the query function", () => {
    const { stack } = s();
    const methods = Object.fromEntries(
      Object.entries(getMethods(s())).filter(([path]) => API_ROUTES.some((route) => route.path === path)),
    );
    expect(Object.keys(methods).sort()).toEqual(API_ROUTES.map((route) => route.path).sort());
    for (const method of Object.values(methods)) {
      expect(method.Integration.Type).toBe("AWS_PROXY");
      expect(JSON.stringify(method.Integration.Uri)).toContain(logicalId(stack.queryApi.lambda));
    }
  });

  it("requires an API key on every GET as the stage config says", () => {
    const { stage } = s();
    for (const [path, method] of Object.entries(getMethods(s()))) {
      expect(method.ApiKeyRequired, path).toBe(stage.api.requireApiKey);
    }
  });

  it("answers CORS preflight (GET, OPTIONS) without an API key, for the stage's origins only", () => {
    const { template, stage } = s();
    const options = Object.values(resourcesOfType(template, "AWS::ApiGateway::Method"))
      .map((m) => m.Properties as unknown as MethodJson & { Integration: { IntegrationResponses: object[] } })
      .filter((m) => m.HttpMethod === "OPTIONS");
    if (stage.api.corsAllowOrigins.length === 0) {
      // Same origin only: no preflight, and API Gateway's own errors grant no origin either.
      expect(options).toEqual([]);
      for (const r of Object.values(resourcesOfType(template, "AWS::ApiGateway::GatewayResponse"))) {
        expect(Object.keys(r.Properties?.ResponseParameters ?? {})).not.toContain(
          "gatewayresponse.header.Access-Control-Allow-Origin",
        );
      }
      return;
    }
    expect(options.length).toBeGreaterThanOrEqual(4);
    for (const method of options) {
      expect(method.ApiKeyRequired).toBe(false);
      const responses = JSON.stringify(method.Integration.IntegrationResponses);
      expect(responses).toContain(`"method.response.header.Access-Control-Allow-Methods":"'GET,OPTIONS'"`);
      expect(responses).toContain(
        `"method.response.header.Access-Control-Allow-Origin":"'${stage.api.corsAllowOrigins[0]}'"`,
      );
    }
  });

  it("puts the stage's WAF web ACL, with its per-IP rate rule, in front of the deployed stage", () => {
    const { template, stack, stage } = s();
    const acls = Object.values(resourcesOfType(template, "AWS::WAFv2::WebACL"));
    const associations = Object.values(resourcesOfType(template, "AWS::WAFv2::WebACLAssociation"));
    if (!stage.api.firewall) {
      expect(acls).toEqual([]);
      expect(associations).toEqual([]);
      return;
    }
    expect(acls).toHaveLength(1);
    expect(acls[0]?.Properties).toMatchObject({
      Scope: "REGIONAL",
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: "IP",
              Limit: stage.api.firewall.requestsPerIpPer5Minutes,
              EvaluationWindowSec: 300,
            },
          },
          VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
        },
      ],
    });
    expect(associations).toHaveLength(1);
    const stageArn = JSON.stringify(associations[0]?.Properties?.ResourceArn);
    expect(stageArn).toContain(logicalId(stack.api.api));
    expect(stageArn).toContain(logicalId(stack.api.api.deploymentStage));
    expect(associations[0]?.Properties?.WebACLArn).toEqual({
      "Fn::GetAtt": [logicalId(stack.api.firewall?.webAcl ?? stack), "Arn"],
    });
  });

  it("declares each route's path parameters as required and its query parameters as optional", () => {
    const methods = getMethods(s());
    expect(methods["/meetings/{id}"]?.RequestParameters).toEqual({ "method.request.path.id": true });
    expect(methods["/people/{name}"]?.RequestParameters).toEqual({
      "method.request.path.name": true,
      "method.request.querystring.limit": false,
      "method.request.querystring.cursor": false,
    });
    for (const route of API_ROUTES) {
      const declared = Object.keys(methods[route.path]?.RequestParameters ?? {});
      expect(declared.sort()).toEqual(
        [
          ...route.queryParameters.map((name) => `method.request.querystring.${name}`),
          ...pathParameterNames(route.path).map((name) => `method.request.path.${name}`),
        ].sort(),
      );
    }
    for (const method of Object.values(methods)) expect(method.RequestValidatorId).toBeDefined();
    const [validator] = Object.values(resourcesOfType(s().template, "AWS::ApiGateway::RequestValidator"));
    expect(validator?.Properties).toMatchObject({ ValidateRequestParameters: true });
  });

  it("meters API keys with a usage plan that throttles and sets a quota on the deployed stage", () => {
    const { template, stack, stage } = s();
    const plans = Object.values(resourcesOfType(template, "AWS::ApiGateway::UsagePlan"));
    expect(plans).toHaveLength(1);
    expect(plans[0]?.Properties).toMatchObject({
      Throttle: { RateLimit: stage.api.throttle.rateLimit, BurstLimit: stage.api.throttle.burstLimit },
      Quota: { Limit: stage.api.quota.limit, Period: stage.api.quota.period },
      ApiStages: [
        { ApiId: { Ref: logicalId(stack.api.api) }, Stage: { Ref: logicalId(stack.api.api.deploymentStage) } },
      ],
    });
    const [planKey] = Object.values(resourcesOfType(template, "AWS::ApiGateway::UsagePlanKey"));
    expect(planKey?.Properties).toMatchObject({ KeyId: { Ref: logicalId(stack.api.apiKey) }, KeyType: "API_KEY" });
  });

  it("throttles the stage, traces it and writes JSON access logs to its own log group", () => {
    const { template, stack, stage } = s();
    const apiStage = props(template, logicalId(stack.api.api.deploymentStage));
    expect(apiStage).toMatchObject({
      StageName: name,
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: { "Fn::GetAtt": [logicalId(stack.api.accessLogs), "Arn"] } },
      MethodSettings: expect.arrayContaining([
        expect.objectContaining({
          HttpMethod: "*",
          ResourcePath: "/*",
          ThrottlingRateLimit: stage.api.throttle.rateLimit,
          ThrottlingBurstLimit: stage.api.throttle.burstLimit,
          LoggingLevel: "ERROR",
          DataTraceEnabled: false,
        }),
      ]),
    });
    const format = JSON.parse((apiStage.AccessLogSetting as { Format: string }).Format);
    expect(format).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
      apiKeyId: "$context.identity.apiKeyId",
    });
    expect(JSON.stringify(format)).not.toContain('$context.identity.apiKey"');
    expect(props(template, logicalId(stack.api.accessLogs)).RetentionInDays).toBe(stage.logRetention);
  });

  it("answers any other method on an API route with a keyless JSON 405 from API Gateway, naming GET and OPTIONS", () => {
    const { template } = s();
    const resources = resourcesOfType(template, "AWS::ApiGateway::Resource");
    const any = Object.values(resourcesOfType(template, "AWS::ApiGateway::Method"))
      .map((m) => m.Properties as unknown as MethodJson & { Integration: { IntegrationResponses: object[] } })
      .filter((m) => m.HttpMethod === "ANY");
    // one per API route; the web pages' own 405s (GET and HEAD) are in web.test.ts
    const answers405 = any
      .filter((m) => JSON.stringify(m.Integration).includes('"StatusCode":"405"'))
      .filter((m) => !JSON.stringify(m.Integration).includes("GET, HEAD"));
    expect(answers405).toHaveLength(API_ROUTES.length);
    for (const method of answers405) {
      expect(method.ApiKeyRequired).toBe(false);
      expect(method.Integration.Type).toBe("MOCK");
      expect(JSON.stringify(method.Integration.IntegrationResponses)).toContain(
        `"method.response.header.Allow":"'GET, OPTIONS'"`,
      );
      expect(JSON.stringify(method.Integration.IntegrationResponses)).toContain("method_not_allowed");
    }
    const proxy = Object.entries(resources).find(([, r]) => r.Properties?.PathPart === "{proxy+}");
    expect(proxy).toBeDefined();
    const catchAll = any.find((m) => referencedId(m.ResourceId) === proxy?.[0]);
    expect(catchAll?.ApiKeyRequired).toBe(false);
    expect(JSON.stringify(catchAll?.Integration)).toContain('"StatusCode":"404"');
    expect(JSON.stringify(catchAll?.Integration)).toContain("not_found");
  });

  it("answers API Gateway's own errors in the API's JSON error shape", () => {
    const responses = Object.values(resourcesOfType(s().template, "AWS::ApiGateway::GatewayResponse"));
    expect(responses.map((r) => r.Properties?.ResponseType).sort()).toEqual([
      "DEFAULT_4XX",
      "DEFAULT_5XX",
      "INTEGRATION_FAILURE",
    ]);
    for (const r of responses) {
      const templates = (r.Properties?.ResponseTemplates ?? {}) as Record<string, string>;
      const template = templates["application/json"] ?? "";
      expect(template).toContain('"error":{"code":');
    }
  });

  it("answers a function it cannot invoke (throttled) with 503 and Retry-After, not a final 500/504", () => {
    const failure = Object.values(resourcesOfType(s().template, "AWS::ApiGateway::GatewayResponse")).find(
      (r) => r.Properties?.ResponseType === "INTEGRATION_FAILURE",
    );
    expect(failure?.Properties?.StatusCode).toBe("503");
    expect(failure?.Properties?.ResponseParameters).toMatchObject({
      "gatewayresponse.header.Retry-After": `'${INTEGRATION_FAILURE_RETRY_AFTER_SECONDS}'`,
    });
  });
});
