import { RemovalPolicy } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import {
  ALLOWED_METHODS,
  API_ROUTES,
  METHOD_NOT_ALLOWED_ERROR,
  pathParameterNames,
  UNKNOWN_ROUTE_ERROR,
} from "../../shared/config/api-routes";
import { WEB_METHOD_NOT_ALLOWED, WEB_METHODS, WEB_ROUTES } from "../../shared/config/web-routes";
import { acknowledge } from "../nag/acknowledge";
import type { StageConfig } from "../stages";
import { ApiFirewall } from "./api-firewall";
import type { DocketFunction } from "./docket-function";
import { defaultLogGroupProps } from "./secure-defaults";

/** API Gateway's own errors (missing key, throttled, bad request) in the API's error shape. */
const GATEWAY_ERROR_TEMPLATE =
  '{"error":{"code":"$context.error.responseType","message":$context.error.messageString}}';

/** How long a client should wait after an integration failure (a throttled function frees up within seconds). */
export const INTEGRATION_FAILURE_RETRY_AFTER_SECONDS = 1;

const field = apigateway.AccessLogField;
/** One JSON object per request: who (key id, never the key), what, outcome, and where the time went. */
const ACCESS_LOG_FORMAT = apigateway.AccessLogFormat.custom(
  JSON.stringify({
    requestId: field.contextRequestId(),
    requestTime: field.contextRequestTime(),
    ip: field.contextIdentitySourceIp(),
    userAgent: field.contextIdentityUserAgent(),
    apiKeyId: field.contextIdentityApiKeyId(),
    method: field.contextHttpMethod(),
    resourcePath: field.contextResourcePath(),
    path: field.contextPath(),
    status: field.contextStatus(),
    responseLength: field.contextResponseLength(),
    responseLatencyMs: field.contextResponseLatency(),
    integrationLatencyMs: field.contextIntegrationLatency(),
    integrationStatus: field.contextIntegrationStatus(),
    error: field.contextErrorMessage(),
    errorType: field.contextErrorResponseType(),
    xrayTraceId: field.contextXrayTraceId(),
  }),
);

/**
 * A fixed JSON answer from API Gateway (a mock integration): no function
 * runs and no key is needed to learn that a route does not exist.
 */
function gatewayAnswer(
  status: 404 | 405,
  error: { code: string; message: string },
  headers: Record<string, string> = {},
): apigateway.MockIntegration {
  return new apigateway.MockIntegration({
    requestTemplates: { "application/json": `{"statusCode": ${status}}` },
    integrationResponses: [
      {
        statusCode: String(status),
        responseTemplates: { "application/json": JSON.stringify({ error }) },
        responseParameters: Object.fromEntries(
          Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`]),
        ),
      },
    ],
  });
}

export interface QueryApiProps {
  stage: StageConfig;
  handler: DocketFunction;
  /** serves WEB_ROUTES, without an API key */
  webHandler: DocketFunction;
}

/** The resource policy: everyone may call; with webAllowCidrs, the web pages only from those addresses. */
function resourcePolicy(cidrs: readonly string[] | undefined): iam.PolicyDocument | undefined {
  if (!cidrs || cidrs.length === 0) return undefined;
  const webMethods = WEB_ROUTES.map((route) => `execute-api:/*/*${route.path.replace(/\{[^}]+\}/g, "*")}`);
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ["execute-api:Invoke"],
        resources: ["execute-api:/*"],
      }),
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ["execute-api:Invoke"],
        resources: webMethods,
        conditions: { NotIpAddress: { "aws:SourceIp": [...cidrs] } },
      }),
    ],
  });
}

/**
 * The download routes' own method settings, overriding the stage's throttle with the lower
 * downloadThrottle; logging and metrics repeat the stage's, so a method override changes only the limit.
 */
function downloadMethodOptions(stage: StageConfig): Record<string, apigateway.MethodDeploymentOptions> {
  const options: apigateway.MethodDeploymentOptions = {
    throttlingRateLimit: stage.api.downloadThrottle.rateLimit,
    throttlingBurstLimit: stage.api.downloadThrottle.burstLimit,
    metricsEnabled: true,
    loggingLevel: apigateway.MethodLoggingLevel.ERROR,
    dataTraceEnabled: false,
  };
  return Object.fromEntries(
    WEB_ROUTES.filter((route) => route.download).flatMap((route) =>
      WEB_METHODS.map((method) => [`${route.path}/${method}`, options]),
    ),
  );
}

/** REST API in front of the query function: API key and usage plan, throttling, access logs, tracing. */
export class QueryApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly apiKey: apigateway.IApiKey;
  readonly usagePlan: apigateway.UsagePlan;
  readonly accessLogs: logs.LogGroup;
  /** The per-IP rate limit, in stages that configure one. */
  readonly firewall?: ApiFirewall;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);
    const { stage } = props;
    this.accessLogs = new logs.LogGroup(this, "AccessLogs", defaultLogGroupProps(stage));

    this.api = new apigateway.RestApi(this, "Api", {
      restApiName: `docket-${stage.name}`,
      description: `Docket ${stage.name} query API`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Access and execution logging need the account's API Gateway CloudWatch role; kept on stack deletion
      // because it is account-wide and other stages rely on it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: stage.name,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: stage.api.throttle.rateLimit,
        throttlingBurstLimit: stage.api.throttle.burstLimit,
        methodOptions: downloadMethodOptions(stage),
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
      },
      // No preflight at all when only the API's own origin may call it.
      ...(stage.api.corsAllowOrigins.length
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: stage.api.corsAllowOrigins,
              allowMethods: ["GET", "OPTIONS"],
              allowHeaders: apigateway.Cors.DEFAULT_HEADERS, // includes X-Api-Key
            },
          }
        : {}),
      defaultMethodOptions: { apiKeyRequired: stage.api.requireApiKey },
      policy: resourcePolicy(stage.api.webAllowCidrs),
    });

    // A gateway response can name one origin only: the first listed (the Lambda echoes any listed one).
    const [gatewayOrigin] = stage.api.corsAllowOrigins;
    const originHeader: Record<string, string> = gatewayOrigin
      ? { "Access-Control-Allow-Origin": `'${gatewayOrigin}'` }
      : {};
    for (const type of [apigateway.ResponseType.DEFAULT_4XX, apigateway.ResponseType.DEFAULT_5XX]) {
      this.api.addGatewayResponse(`Gateway${type.responseType}`, {
        type,
        ...(gatewayOrigin ? { responseHeaders: originHeader } : {}),
        templates: { "application/json": GATEWAY_ERROR_TEMPLATE },
      });
    }
    // A function that cannot be invoked (throttled at its reserved concurrency, Lambda's 429) is an
    // integration failure, by default a 504 (or a 500 for the throttle) that clients treat as final. It is
    // temporary: 503 with Retry-After, so clients and crawlers back off and come back.
    this.api.addGatewayResponse("GatewayINTEGRATION_FAILURE", {
      type: apigateway.ResponseType.INTEGRATION_FAILURE,
      statusCode: "503",
      responseHeaders: { ...originHeader, "Retry-After": `'${INTEGRATION_FAILURE_RETRY_AFTER_SECONDS}'` },
      templates: { "application/json": GATEWAY_ERROR_TEMPLATE },
    });

    // One invoke permission for the whole API instead of two per method.
    const integration = new apigateway.LambdaIntegration(props.handler.lambda, {
      proxy: true,
      scopePermissionToMethod: false,
    });
    // GETs carry no body; body validation is on so a future POST cannot slip through unvalidated.
    const validator = this.api.addRequestValidator("Parameters", {
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    for (const route of API_ROUTES) {
      const resource = resourceAt(this.api.root, route.path);
      const parameters = {
        ...Object.fromEntries(route.queryParameters.map((name) => [`method.request.querystring.${name}`, false])),
        ...Object.fromEntries(pathParameterNames(route.path).map((name) => [`method.request.path.${name}`, true])),
      };
      resource.addMethod("GET", integration, { requestParameters: parameters, requestValidator: validator });
      // Any other method on a known route: 405 naming the allowed ones, answered by API Gateway itself.
      resource.addMethod("ANY", gatewayAnswer(405, METHOD_NOT_ALLOWED_ERROR, { Allow: ALLOWED_METHODS }), {
        apiKeyRequired: false,
        methodResponses: [{ statusCode: "405", responseParameters: { "method.response.header.Allow": true } }],
      });
    }
    // The web pages: no API key (a browser must never hold one), behind stage throttling (downloads: their
    // own lower limit) and the optional allow-list; GET and HEAD, as the local server answers them.
    // Streamed (functions/web/handler.ts): a download (up to its row bound) reaches the browser page by
    // page, rather than being gathered into one response of at most 6 MB; the wait matches the function's.
    const web = new apigateway.LambdaIntegration(props.webHandler.lambda, {
      proxy: true,
      scopePermissionToMethod: false,
      responseTransferMode: apigateway.ResponseTransferMode.STREAM,
      ...(props.webHandler.lambda.timeout ? { timeout: props.webHandler.lambda.timeout } : {}),
    });
    for (const route of WEB_ROUTES) {
      const resource = resourceAt(this.api.root, route.path);
      for (const method of WEB_METHODS) resource.addMethod(method, web, { apiKeyRequired: false });
      // Another method: the JSON 405 the local server gives, not API Gateway's 403 "Missing Authentication Token".
      resource.addMethod(
        "ANY",
        gatewayAnswer(405, WEB_METHOD_NOT_ALLOWED.error, { Allow: WEB_METHOD_NOT_ALLOWED.allow }),
        {
          apiKeyRequired: false,
          methodResponses: [{ statusCode: "405", responseParameters: { "method.response.header.Allow": true } }],
        },
      );
    }
    // Any path no route has: a JSON 404 (API Gateway's own answer would be 403 "Missing Authentication Token").
    // Intermediate resources (/people, /download…) have no method of their own: they answer it too.
    const bare = this.api.root.node
      .findAll()
      .filter((c): c is apigateway.Resource => c instanceof apigateway.Resource)
      .filter((r) => !r.node.children.some((c) => c instanceof apigateway.Method && c.httpMethod !== "OPTIONS"));
    // The root is the home page, which answers other methods with its 405 already.
    const root = this.api.root.node.tryFindChild("ANY") ? [] : [this.api.root];
    for (const resource of [...root, this.api.root.addResource("{proxy+}"), ...bare]) {
      resource.addMethod("ANY", gatewayAnswer(404, UNKNOWN_ROUTE_ERROR), {
        apiKeyRequired: false,
        methodResponses: [{ statusCode: "404" }],
      });
    }

    this.apiKey = this.api.addApiKey("Key", { description: `Docket ${stage.name} query API key` });
    this.usagePlan = this.api.addUsagePlan("UsagePlan", {
      name: `docket-${stage.name}`,
      throttle: stage.api.throttle,
      quota: stage.api.quota,
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
    this.usagePlan.addApiKey(this.apiKey);

    if (stage.api.firewall) {
      this.firewall = new ApiFirewall(this, "Firewall", {
        stageName: stage.name,
        apiStage: this.api.deploymentStage,
        requestsPerIpPer5Minutes: stage.api.firewall.requestsPerIpPer5Minutes,
      });
    } else {
      acknowledge(
        this.api,
        "AwsSolutions-APIG3",
        `No WAF in ${stage.name} (api.firewall in infra/stages.ts): a read-only API behind API keys, per-key quota and stage throttling; the keyless web pages behind stage throttling, downloads behind their own lower limit and a row and time bound.`,
      );
    }
    acknowledge(
      this.api,
      "AwsSolutions-APIG4",
      "Published meeting records, read-only, no user accounts: the JSON API's callers are identified and metered by API key and usage plan; the web pages (WEB_ROUTES) are public and keyless, limited by stage throttling, a lower throttle and a row and time bound on downloads, the web function's concurrency, and where configured the per-IP WAF rule and the webAllowCidrs resource policy.",
    );
    acknowledge(
      this.api,
      "AwsSolutions-COG4",
      "No user pool: see APIG4; the JSON API is reached by API key and usage plan, the web pages are public read-only pages of published records.",
    );
    acknowledge(
      this.api,
      "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
      "API Gateway's account-wide logging role: the AWS-managed policy is the documented one for it.",
    );
  }
}

/** The resource for a path such as /meetings/{id}, adding the parts not there yet. */
function resourceAt(root: apigateway.IResource, path: string): apigateway.IResource {
  return path
    .split("/")
    .filter((part) => part !== "")
    .reduce<apigateway.IResource>((parent, part) => parent.getResource(part) ?? parent.addResource(part), root);
}
