// One function's worker thread (see function-threads.ts): the Lambda
// sandboxes of one function, off the main thread so that parsing and storing
// use the second core. Each container is its own instance of the handler
// module, loaded once and kept, as a warm Lambda container keeps its clients.
// Plain JavaScript, so it starts without a TypeScript loader; it registers
// tsx for the handler modules itself.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";
import { threadCpuMs } from "./thread-cpu.mjs";

register();

// Queue URLs name sqs.<region>.localhost, which the functions' SQS client sends to (see local-runtime.ts).
const { interceptLocalhostDns } = await import(new URL("./localhost.js", import.meta.resolve("fauxqs")).href);
interceptLocalhostDns();

/** @type {{ moduleUrl: string }} */
const { moduleUrl } = workerData;
/** @type {Map<number, Promise<Function>>} */
const containers = new Map();

function handlerOf(container) {
  let handler = containers.get(container);
  if (!handler) {
    const url = new URL(moduleUrl);
    url.searchParams.set("container", String(container));
    handler = import(url.href).then((module) => {
      if (typeof module.handler !== "function") throw new Error(`${moduleUrl} does not export a handler function`);
      return module.handler;
    });
    // A module that fails to load is tried again by the next invocation, as a failed cold start is.
    handler.catch(() => containers.delete(container));
    containers.set(container, handler);
  }
  return handler;
}

function lambdaContext(context) {
  return {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What crosses back to the main thread: structured-clonable, with the error's name kept. */
function serialisedError(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

parentPort.on("message", async (message) => {
  if (message.type === "usage") {
    parentPort.postMessage({ id: message.id, ok: true, value: threadCpuMs() });
    return;
  }
  if (message.type !== "invoke") return;
  const { id, container, event, context } = message;
  try {
    const handler = await handlerOf(container);
    const value = await handler(event, lambdaContext(context));
    parentPort.postMessage({ id, ok: true, value });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serialisedError(error) });
  }
});

// Warm: the shared code and the SDK load now, with the pipeline, not on the first page. A module that
// cannot load (an environment variable missing) is reported by the invocations that need it.
await import(moduleUrl).catch(() => undefined);
parentPort.postMessage({ ready: true });
