import type { Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { WebFunctionName } from "../../shared/config/web-routes";
import type { StreamingWebHandler } from "../../shared/web/streaming-function";
import type { HandlerFactory, LambdaHandler } from "./local-function";

/** The functions of the stack and their handler modules (each exports `handler`). */
export const FUNCTION_MODULES = {
  parsePage: "functions/parse-page/handler.ts",
  storeRecord: "functions/store-record/handler.ts",
  queryApi: "functions/query-api/handler.ts",
  web: "functions/web/handler.ts",
  download: "functions/download/handler.ts",
} as const satisfies Record<string, string> & Record<WebFunctionName, string>;

export type FunctionName = keyof typeof FUNCTION_MODULES;

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Loads a fresh instance of a handler module per container: the query string
 * makes the module loader evaluate handler.ts again (its own clients and
 * module state), while the shared/ code it imports stays loaded once.
 * process.env must be complete before the first call, since handlers read it
 * at module load, as they do on a Lambda cold start.
 */
export function realHandler<E, R>(name: FunctionName): HandlerFactory<E, R> {
  return async (containerId) => {
    const url = pathToFileURL(`${REPO_ROOT}${FUNCTION_MODULES[name]}`);
    url.searchParams.set("container", String(containerId));
    const module = (await import(url.href)) as { handler?: unknown };
    if (typeof module.handler !== "function") {
      throw new Error(`${FUNCTION_MODULES[name]} does not export a handler function`);
    }
    return module.handler as LambdaHandler<E, R>;
  };
}

/** One invocation of a streaming function: the event, and the stream its response is written to. */
export interface StreamedInvocation {
  event: APIGatewayProxyEvent;
  stream: Writable;
}

/**
 * A streaming web function's handler (shared/web/streaming-function.ts): outside Lambda its module
 * exports `(event, stream, context)`, which takes the stream as one more argument than LocalFunction
 * passes, so the stream travels in the invocation beside the event.
 */
export function realStreamingHandler(name: WebFunctionName): HandlerFactory<StreamedInvocation, void> {
  const load = realHandler<APIGatewayProxyEvent, void>(name);
  return async (containerId) => {
    const handler = (await load(containerId)) as unknown as StreamingWebHandler;
    return ({ event, stream }, context) => handler(event, stream, context);
  };
}
