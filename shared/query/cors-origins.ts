import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { ENV } from "../config/env";

type Handler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const ALLOW_ORIGIN = "Access-Control-Allow-Origin";

/**
 * The origins of the stage (CORS_ALLOW_ORIGINS, a JSON array set by the stack),
 * or undefined when unset, as locally, where any origin may call.
 */
export function corsOriginsFromEnvironment(env: NodeJS.ProcessEnv = process.env): readonly string[] | undefined {
  const value = env[ENV.corsAllowOrigins];
  if (value === undefined || value === "") return undefined;
  const origins: unknown = JSON.parse(value);
  if (!Array.isArray(origins) || !origins.every((origin) => typeof origin === "string")) {
    throw new Error(`${ENV.corsAllowOrigins} must be a JSON array of origins, got ${value}`);
  }
  return origins;
}

/**
 * Answers carry Access-Control-Allow-Origin only for the stage's origins: "*"
 * when any may call, the caller's own Origin when it is listed (with
 * `Vary: Origin`, so caches keep answers per origin), and none otherwise, so a
 * browser on another site cannot read the answer. Same-origin pages need none.
 */
export function restrictCorsOrigins(handler: Handler, allowed: readonly string[] | undefined): Handler {
  if (allowed === undefined || allowed.includes("*")) return handler;
  return async (event) => {
    const result = await handler(event);
    const { [ALLOW_ORIGIN]: _any, ...headers } = result.headers ?? {};
    const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === "origin")?.[1];
    if (origin && allowed.includes(origin))
      return { ...result, headers: { ...headers, [ALLOW_ORIGIN]: origin, Vary: "Origin" } };
    return { ...result, headers };
  };
}
