import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Context } from "aws-lambda";
import { FUNCTION_MODULES, type FunctionName, REPO_ROOT } from "./load-handler";
import type { HandlerFactory, LambdaHandler } from "./local-function";

/**
 * A function's containers on worker threads (function-thread.mjs), as Lambda
 * runs each function in sandboxes of its own: the CPU-heavy parse-page gets
 * the machine's cores instead of sharing the main thread with the pollers,
 * the uploads and the API. A thread hosts several containers (each its own
 * instance of the handler module, see load-handler.ts), so a concurrency of
 * five does not cost five copies of the SDK. LocalFunction still decides
 * concurrency and timeouts; a thread only runs what it is handed. A thread
 * that dies fails the invocations it held (the poller leaves those messages
 * to come back, as after a crashed sandbox) and is started again on demand;
 * one that ran an invocation past its timeout is replaced, and ended once its
 * other calls are over, so the late invocation stops as Lambda would stop it.
 */
export interface FunctionThreadsOptions {
  name: FunctionName;
  threads: number;
  /** The handler module, from the repository root; default: the function's own (load-handler.ts). */
  module?: string;
  /** The container's environment, read by the handler at module load as on a cold start. */
  env: NodeJS.ProcessEnv;
}

interface Pending {
  container: number | undefined;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; stack?: string };
}

/** What the thread reports of itself, for the bench. */
export interface ThreadUsage {
  /** "parsePage#1", "storeRecord#1", … */
  thread: string;
  /** CPU (ms) the thread has used since it started (see thread-cpu.mjs). */
  cpuMs: number;
  invocations?: number;
}

/** One worker and the calls it has yet to answer. */
interface Host {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Takes no new calls: it ends once those it holds are answered (see discard). */
  retired: boolean;
}

class FunctionThread {
  readonly #index: number;
  readonly #options: FunctionThreadsOptions;
  #host: Host | undefined;
  readonly #retired = new Set<Host>();
  #started: Promise<Host> | undefined;
  #nextId = 1;
  #invocations = 0;

  constructor(index: number, options: FunctionThreadsOptions) {
    this.#index = index;
    this.#options = options;
  }

  async invoke(container: number, event: unknown, context: Context): Promise<unknown> {
    this.#invocations++;
    return this.#ask({ type: "invoke", container, event, context: cloneableContext(context) }, container);
  }

  async #ask(message: Record<string, unknown>, container?: number): Promise<unknown> {
    const host = await this.#start();
    const id = this.#nextId++;
    const reply = new Promise<unknown>((resolve, reject) => host.pending.set(id, { container, resolve, reject }));
    host.worker.postMessage({ ...message, id });
    return reply;
  }

  /**
   * A container whose invocation timed out: Lambda stops it with its sandbox. A thread cannot stop
   * one call, so the thread it ran on is retired: new calls go to a fresh thread, and the old one
   * is ended once the calls of its other containers are answered or time out in turn. A handler
   * stuck in a loop holds its whole thread, so this is what frees it.
   */
  discard(container: number): void {
    for (const host of [this.#host, ...this.#retired]) {
      if (!host) continue;
      let held = false;
      for (const [id, pending] of host.pending) {
        if (pending.container !== container) continue;
        host.pending.delete(id);
        held = true;
      }
      if (held && host === this.#host) this.#retire(host);
      else if (host.retired) this.#endIfIdle(host);
    }
  }

  #retire(host: Host): void {
    host.retired = true;
    this.#retired.add(host);
    if (this.#host === host) {
      this.#host = undefined;
      this.#started = undefined;
    }
    this.#endIfIdle(host);
  }

  #endIfIdle(host: Host): void {
    if (host.pending.size > 0) return;
    this.#retired.delete(host);
    void host.worker.terminate();
  }

  /** A thread that died and was started again counts from its restart. */
  async usage(): Promise<ThreadUsage> {
    return {
      thread: `${this.#options.name}#${this.#index + 1}`,
      cpuMs: this.#host ? ((await this.#ask({ type: "usage" })) as number) : 0,
      invocations: this.#invocations,
    };
  }

  async stop(): Promise<void> {
    const hosts = [this.#host, ...this.#retired].filter((host): host is Host => host !== undefined);
    this.#host = undefined;
    this.#started = undefined;
    this.#retired.clear();
    await Promise.all(hosts.map((host) => host.worker.terminate()));
  }

  async start(): Promise<void> {
    await this.#start();
  }

  #start(): Promise<Host> {
    this.#started ??= this.#spawn().catch((error: unknown) => {
      this.#started = undefined;
      throw error;
    });
    return this.#started;
  }

  async #spawn(): Promise<Host> {
    const worker = new Worker(new URL("./function-thread.mjs", import.meta.url), {
      workerData: {
        moduleUrl: pathToFileURL(`${REPO_ROOT}${this.#options.module ?? FUNCTION_MODULES[this.#options.name]}`).href,
      },
      env: this.#options.env,
      // The thread registers its own TypeScript loader; the parent's flags (tsx's, vitest's) are not for it.
      execArgv: [],
      name: `${this.#options.name}-${this.#index}`,
    });
    const host: Host = { worker, pending: new Map(), retired: false };
    worker.on("message", (message: Reply | { ready: true }) => {
      if (!("id" in message)) return;
      const pending = host.pending.get(message.id);
      if (!pending) return;
      host.pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(rebuiltError(message.error));
      if (host.retired) this.#endIfIdle(host);
    });
    const died = (error: Error) => {
      if (this.#host === host) {
        this.#host = undefined;
        this.#started = undefined;
      }
      this.#retired.delete(host);
      for (const pending of host.pending.values()) pending.reject(error);
      host.pending.clear();
    };
    worker.on("error", died);
    worker.on("exit", (code) => died(new Error(`${this.#options.name} thread exited with code ${code}`)));
    const { name } = this.#options;
    // Ready at its first message; an error or an exit first (process.exit in module code, a
    // resource limit) fails the start. Listeners go once settled, so a later exit rejects nothing.
    await new Promise<void>((resolve, reject) => {
      function stopListening() {
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      }
      function onMessage() {
        stopListening();
        resolve();
      }
      function onError(error: Error) {
        stopListening();
        reject(error);
      }
      function onExit(code: number) {
        stopListening();
        reject(new Error(`${name} thread exited with code ${code} before it was ready`));
      }
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    });
    this.#host = host;
    return host;
  }
}

export class FunctionThreads {
  readonly #threads: FunctionThread[];

  constructor(options: FunctionThreadsOptions) {
    if (!(Number.isInteger(options.threads) && options.threads >= 1)) {
      throw new RangeError(`${options.name}: threads must be a positive whole number, not ${options.threads}`);
    }
    this.#threads = Array.from({ length: options.threads }, (_, index) => new FunctionThread(index, options));
  }

  /** Container n runs on thread n mod threads: LocalFunction numbers containers from 1, so they spread evenly. */
  factory<E, R>(): HandlerFactory<E, R> {
    return async (containerId) => {
      const thread = this.#threadOf(containerId);
      const handler: LambdaHandler<E, R> = (event, context) => thread.invoke(containerId, event, context) as Promise<R>;
      return handler;
    };
  }

  /**
   * A container discarded after a timeout: its thread is retired and ended (see FunctionThread's
   * discard), so the invocation stops, and its next call loads a fresh instance on a new thread.
   */
  discard(containerId: number): void {
    this.#threadOf(containerId).discard(containerId);
  }

  /** Starts every thread and loads the handler module in it, as provisioned concurrency would. */
  async start(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.start()));
  }

  usage(): Promise<ThreadUsage[]> {
    return Promise.all(this.#threads.map((thread) => thread.usage()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.#threads.map((thread) => thread.stop()));
  }

  #threadOf(containerId: number): FunctionThread {
    return this.#threads[(containerId - 1) % this.#threads.length] as FunctionThread;
  }
}

/** Context's functions do not cross threads: the thread rebuilds them from the deadline. */
function cloneableContext(context: Context) {
  return {
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    awsRequestId: context.awsRequestId,
    logGroupName: context.logGroupName,
    logStreamName: context.logStreamName,
    deadline: Date.now() + context.getRemainingTimeInMillis(),
  };
}

function rebuiltError(serialised: Reply["error"]): Error {
  const error = new Error(serialised?.message ?? "function failed");
  error.name = serialised?.name ?? "Error";
  if (serialised?.stack) error.stack = serialised.stack;
  return error;
}
