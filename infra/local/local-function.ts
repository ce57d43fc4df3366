import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

/**
 * A Lambda function played in-process. Like Lambda, each container runs one
 * invocation at a time and keeps its module state between invocations; more
 * concurrent invocations get more containers, up to the concurrency limit.
 * A container is a separate instance of the handler module (see
 * load-handler.ts), because module-level state such as a Powertools
 * BatchProcessor is not safe to share between concurrent invocations.
 */
export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

/** Builds one container's handler; called once per container. */
export type HandlerFactory<E = unknown, R = unknown> = (containerId: number) => Promise<LambdaHandler<E, R>>;

export interface LocalFunctionOptions<E, R> {
  name: string;
  region: string;
  timeoutSeconds: number;
  maxConcurrency: number;
  memoryMb?: number;
  factory: HandlerFactory<E, R>;
  /** Told when a container is discarded (its invocation timed out), so its host can free it. */
  onDiscard?: (containerId: number) => void;
}

export class FunctionTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`${functionName} timed out after ${seconds} seconds`);
    this.name = "FunctionTimeoutError";
  }
}

interface Container<E, R> {
  id: number;
  handler: LambdaHandler<E, R>;
}

export class LocalFunction<E = unknown, R = unknown> {
  readonly #options: LocalFunctionOptions<E, R>;
  readonly #idle: Container<E, R>[] = [];
  readonly #waiting: ((container: Container<E, R> | undefined) => void)[] = [];
  #containers = 0;
  #nextContainerId = 1;
  #running = 0;
  #invocations = 0;

  constructor(options: LocalFunctionOptions<E, R>) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.name;
  }

  /** Invocations in progress right now. */
  get running(): number {
    return this.#running;
  }

  get invocations(): number {
    return this.#invocations;
  }

  async invoke(event: E): Promise<R> {
    this.#running++;
    this.#invocations++;
    try {
      const container = await this.#acquire();
      let healthy = true;
      try {
        return await this.#run(container, event);
      } catch (error) {
        // Lambda discards a container whose invocation timed out; its handler may still be running.
        if (error instanceof FunctionTimeoutError) healthy = false;
        throw error;
      } finally {
        this.#release(container, healthy);
      }
    } finally {
      this.#running--;
    }
  }

  async #run(container: Container<E, R>, event: E): Promise<R> {
    const { timeoutSeconds, name } = this.#options;
    const deadline = Date.now() + timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(name, timeoutSeconds)), timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([container.handler(event, this.#context(container, deadline)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #acquire(): Promise<Container<E, R>> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#containers < this.#options.maxConcurrency) {
      this.#containers++;
      const id = this.#nextContainerId++;
      try {
        return { id, handler: await this.#options.factory(id) };
      } catch (error) {
        this.#containers--;
        throw error;
      }
    }
    const handed = await new Promise<Container<E, R> | undefined>((resolve) => this.#waiting.push(resolve));
    return handed ?? this.#acquire();
  }

  #release(container: Container<E, R>, healthy: boolean): void {
    if (!healthy) {
      this.#containers--;
      this.#options.onDiscard?.(container.id);
      this.#waiting.shift()?.(undefined);
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter) waiter(container);
    else this.#idle.push(container);
  }

  #context(container: Container<E, R>, deadline: number): Context {
    const { name, region, memoryMb } = this.#options;
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: name,
      functionVersion: "$LATEST",
      invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${name}`,
      memoryLimitInMB: String(memoryMb ?? 1024),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `local/[$LATEST]container-${container.id}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }
}
