import type { Tracer } from "@aws-lambda-powertools/tracer";

/** The part of the Powertools Tracer that Docket uses. */
export type DocketTracer = Pick<
  Tracer,
  | "isTracingEnabled"
  | "getSegment"
  | "setSegment"
  | "annotateColdStart"
  | "addServiceNameAnnotation"
  | "captureAWSv3Client"
>;

/**
 * Powertools' own rule for when it traces: inside Lambda (AWS_EXECUTION_ENV
 * set), not under SAM local or the Amplify mock, and not switched off with
 * POWERTOOLS_TRACE_ENABLED=false.
 */
export function isTracingOn(env: NodeJS.ProcessEnv = process.env): boolean {
  const executionEnv = env.AWS_EXECUTION_ENV ?? "";
  return (
    executionEnv !== "" &&
    executionEnv !== "AWS_Lambda_amplify-mock" &&
    !env.AWS_SAM_LOCAL &&
    (env.POWERTOOLS_TRACE_ENABLED ?? "").toLowerCase() !== "false"
  );
}

/** What the Tracer does when tracing is off: nothing, and clients pass through unwrapped. */
export const DISABLED_TRACER: DocketTracer = {
  isTracingEnabled: () => false,
  getSegment: () => undefined,
  setSegment: () => {},
  annotateColdStart: () => {},
  addServiceNameAnnotation: () => {},
  captureAWSv3Client: (client) => client,
};

/**
 * X-Ray tracer. The X-Ray SDK installs async hooks and patches http(s) when it
 * loads, which a cold start pays for even when Powertools then disables
 * tracing; so the Tracer (and the SDK with it) is loaded only when it will
 * trace. Locally and in tests the disabled tracer stands in.
 */
export const tracer: DocketTracer = isTracingOn()
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "docket",
    })
  : DISABLED_TRACER;
