import { fileURLToPath, pathToFileURL } from "node:url";
import type { HandlerFactory, LambdaHandler } from "./local-function";

/** The functions of the stack and their handler modules (each exports `handler`). */
export const FUNCTION_MODULES = {
  parsePage: "functions/parse-page/handler.ts",
  storeRecord: "functions/store-record/handler.ts",
  queryApi: "functions/query-api/handler.ts",
} as const;

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
