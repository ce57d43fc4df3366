import type { OutgoingHttpHeaders } from "node:http";

/**
 * Chaos for the local pipeline: answers a seeded fraction of requests with
 * the error a real AWS service sends when it fails or throttles, so the SDK's
 * retries, the handlers' partial batch failures, the DLQs and redrive are all
 * exercised as a user would meet them. Local runtime only; the functions' endpoint proxy consults
 * it only when startLocalRuntime was given `faults`.
 */
export type FaultKind = "s3" | "sqs" | "dynamodb";

export interface FaultOptions {
  /** Fraction of matching requests that fail, 0–1. */
  rate: number;
  /** Same seed, same sequence of decisions. */
  seed?: number;
}

export interface InjectedFault {
  kind: FaultKind;
  statusCode: number;
  headers: OutgoingHttpHeaders;
  body: string;
}

export interface FaultRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

export class FaultInjector {
  readonly injected: Record<FaultKind, number> = { s3: 0, sqs: 0, dynamodb: 0 };
  private readonly random: () => number;

  constructor(private readonly options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError(`fault rate must be 0–1, not ${options.rate}`);
    this.random = mulberry32(options.seed ?? 1);
  }

  get total(): number {
    return this.injected.s3 + this.injected.sqs + this.injected.dynamodb;
  }

  /** The fault to answer `request` with, or undefined to forward it. SNS (form-encoded POSTs) is never touched. */
  decide(request: FaultRequest): InjectedFault | undefined {
    const kind = serviceOf(request);
    if (kind === undefined) return undefined;
    // One draw for whether, one for which shape: the sequence depends only on the seed and the request order.
    const fails = this.random() < this.options.rate;
    const variant = this.random() < 0.5 ? 0 : 1;
    if (!fails) return undefined;
    this.injected[kind]++;
    if (kind === "dynamodb") return dynamoThrottle();
    if (kind === "sqs") return sqsError(variant);
    return s3Error(variant);
  }
}

export function serviceOf(request: FaultRequest): FaultKind | undefined {
  const target = header(request, "x-amz-target");
  if (target.startsWith("DynamoDB_")) return "dynamodb";
  if (target.startsWith("AmazonSQS.")) return "sqs";
  // Form-encoded POSTs are the query protocol: SNS here (the SDK speaks JSON to SQS). Out of scope.
  const form = header(request, "content-type").startsWith("application/x-www-form-urlencoded");
  return form && request.method === "POST" ? undefined : "s3";
}

function header(request: FaultRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function dynamoThrottle(): InjectedFault {
  return {
    kind: "dynamodb",
    statusCode: 400,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId() },
    body: JSON.stringify({
      __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
      message:
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
    }),
  };
}

const S3_ERRORS = [
  { statusCode: 500, code: "InternalError", message: "We encountered an internal error. Please try again." },
  { statusCode: 503, code: "SlowDown", message: "Please reduce your request rate." },
] as const;

function s3Error(variant: number): InjectedFault {
  const { statusCode, code, message } = S3_ERRORS[variant] ?? S3_ERRORS[0];
  const id = requestId();
  return {
    kind: "s3",
    statusCode,
    headers: { "content-type": "application/xml", "x-amz-request-id": id },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>`,
  };
}

const SQS_ERRORS = [
  { statusCode: 500, code: "InternalError", message: "We encountered an internal error. Please try again." },
  {
    statusCode: 503,
    code: "ServiceUnavailable",
    message: "The request has failed due to a temporary failure of the server.",
  },
] as const;

function sqsError(variant: number): InjectedFault {
  const { statusCode, code, message } = SQS_ERRORS[variant] ?? SQS_ERRORS[0];
  return {
    kind: "sqs",
    statusCode,
    // SQS's JSON protocol: the type in the body, the query-compatible code in x-amzn-query-error.
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-requestid": requestId(),
      "x-amzn-query-error": `${code};Receiver`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }),
  };
}

let requestCounter = 0;
function requestId(): string {
  requestCounter++;
  return `docket-fault-${requestCounter.toString(16).padStart(8, "0")}`;
}

/** A small seeded PRNG (Mulberry32): uniform enough for fault rates, and reproducible. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
