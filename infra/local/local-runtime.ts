import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, S3Event, SQSEvent } from "aws-lambda";
import { interceptLocalhostDns } from "fauxqs";
import { SDK_LOGGER } from "../../shared/aws/sdk-logger";
import { LOCAL_CREDENTIALS } from "../../shared/config/local-state-file";
import type { PipelineResources } from "../../shared/config/pipeline-resources";
import {
  BATCHING,
  DEFAULT_MAX_PAGE_BYTES,
  FUNCTION_TIMEOUT_SECONDS,
  type QueueName,
  RAW_PREFIX,
} from "../../shared/config/resources";
import { WEB_FUNCTIONS, type WebFunctionName } from "../../shared/config/web-routes";
import { s3TestEvent } from "../../shared/events/s3-event-notification";
import { type ApiGatewayServer, type StreamingInvoke, startApiGatewayServer } from "./api-gateway-server";
import { createLocalResources } from "./create-local-resources";
import { type Emulators, startEmulators } from "./emulators";
import { FaultInjector, type FaultOptions } from "./fault-injector";
import { functionEnvironment } from "./function-environment";
import { FunctionThreads, type ThreadUsage } from "./function-threads";
import { startFunctionsEndpoint } from "./functions-endpoint-proxy";
import type { ListeningServer } from "./listen-on-loopback";
import { type FunctionName, realHandler, realStreamingHandler, type StreamedInvocation } from "./load-handler";
import { type HandlerFactory, LocalFunction } from "./local-function";
import { recoverUnsettledPages } from "./recover-unsettled-pages";
import { runCleanup } from "./run-cleanup";
import { followIntoLedger, SettledPages } from "./settled-pages";
import { SqsEventSource } from "./sqs-event-source";
import { threadCpuMs } from "./thread-cpu.mjs";

/**
 * The whole pipeline on one machine: emulators, the resources the stack
 * defines, S3 event notifications, the SQS event sources and the API, with
 * the real handlers running in-process. Everything listens on loopback.
 * One runtime per process: the functions read process.env, as in Lambda.
 */
export interface LocalRuntimeOptions {
  host?: string;
  /** 0 picks a free port. */
  apiPort?: number;
  /** The AWS endpoint (S3, SQS, SNS, DynamoDB); 0 picks a free port. */
  awsPort?: number;
  stage?: string;
  region?: string;
  maxPageBytes?: number;
  cursorKey?: string;
  /**
   * Answer the functions' reads of a missing object 403 AccessDenied, as S3 does for roles that may list
   * only under a prefix (shared/aws/object-gone.ts), instead of the emulator's 404. Off by default: it
   * puts a proxy hop in front of every S3 call the functions make; tests of that path turn it on.
   */
  denyMissingObjectReads?: boolean;
  /** Defaults from shared/config/resources.ts; tests shorten them to see retries quickly. */
  visibilityTimeoutSeconds?: Partial<Record<QueueName, number>>;
  /** Default: the dev stage's interactive batching (BATCHING.interactive), so an idle upload is queryable in about a second. */
  maxBatchingWindowMs?: Partial<Record<QueueName, number>>;
  /** Long-poll wait of an idle poller (1–20 s); it bounds how long stop() takes. */
  pollWaitSeconds?: number;
  concurrency?: Partial<Record<FunctionName, number>>;
  functionTimeoutSeconds?: Partial<Record<FunctionName, number>>;
  /**
   * Worker threads for the real parse-page and store-record (default: the cores left after the main
   * thread, the emulators and store-record, at least one, for parse-page; one for store-record); 0 runs
   * that function on the main thread. A `handlers` entry runs in-process.
   */
  functionThreads?: Partial<Record<ThreadedFunction, number>>;
  /** Replace or wrap a function's handler (stand-ins, fault injection); default: the real module. */
  handlers?: {
    parsePage?: HandlerFactory<SQSEvent, unknown>;
    storeRecord?: HandlerFactory<SQSEvent, unknown>;
    queryApi?: HandlerFactory<APIGatewayProxyEvent, unknown>;
    web?: HandlerFactory<StreamedInvocation, void>;
    download?: HandlerFactory<StreamedInvocation, void>;
  };
  /** Sees every S3 event notification the runtime queues. */
  onS3Event?: (event: S3Event) => void;
  /**
   * Keep S3 objects, the table and the settled-pages ledger here, so pages and records survive a
   * restart; on start, raw pages with no record and no rejection are queued again. Unset: in memory.
   */
  dataDir?: string;
  /** Put S3's s3:TestEvent on the page-events queue at start, as configuring notifications does in AWS. */
  s3TestEvent?: boolean;
  log?: (message: string) => void;
  /**
   * Chaos: the functions' S3, SQS and DynamoDB calls go through a second endpoint that fails this
   * fraction of them (S3 500/503, SQS 500/503, DynamoDB throttling), seeded. Uploads, the pollers,
   * the runtime's own calls and SNS are never faulted. Off unless given.
   */
  faults?: FaultOptions;
}

export type { QueueName, ThreadUsage };

/** The functions that run on worker threads; query-api stays beside the API server it answers. */
export type ThreadedFunction = "parsePage" | "storeRecord";

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
}

export interface LocalRuntime {
  stage: string;
  apiUrl: string;
  /** One endpoint for S3, SQS, SNS and DynamoDB; S3 writes under raw/ here emit events. */
  awsEndpoint: string;
  resources: PipelineResources;
  /** SDK clients on the AWS endpoint, as any outside caller would use. */
  clients: { s3: S3Client; sqs: SQSClient; sns: SNSClient; dynamodb: DynamoDBClient };
  functions: {
    parsePage: LocalFunction<SQSEvent, unknown>;
    storeRecord: LocalFunction<SQSEvent, unknown>;
    queryApi: LocalFunction<APIGatewayProxyEvent, unknown>;
    /** The web routes' functions (shared/config/web-routes.ts): the pages', and the downloads'. */
    web: LocalFunction<StreamedInvocation, void>;
    download: LocalFunction<StreamedInvocation, void>;
  };
  /** S3 events emitted for objects created under raw/. */
  readonly s3EventsEmitted: number;
  /** Faults injected into the functions' calls so far, per service (all zero without `faults`). */
  readonly faultsInjected: Record<"s3" | "sqs" | "dynamodb", number>;
  /**
   * For the bench: CPU so far of the main thread, the emulator thread and each function thread, and
   * the requests the emulators have served, per service and operation ("SQS ReceiveMessage", "S3 GET", …).
   */
  usage(): Promise<{ threads: ThreadUsage[]; requests: Record<string, number> }>;
  /** Raw pages found unsettled in the data directory at start and queued again. */
  recoveredPages: number;
  queueDepths(): Promise<Record<"pageEvents" | "pageEventsDlq" | "records" | "recordsDlq", QueueDepth>>;
  /** Resolves when both work queues are empty and no function is running (checked twice in a row). */
  waitForIdle(options?: { timeoutMs?: number; intervalMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULTS = {
  host: "127.0.0.1",
  apiPort: 3000,
  awsPort: 4566,
  stage: "local",
  region: "us-east-1",
  pollWaitSeconds: 20,
  /** Downloads: as many at once as every stage reserves for them (infra/stages.ts); one past them waits. */
  concurrency: { parsePage: 5, storeRecord: 5, queryApi: 10, web: 10, download: 8 },
  /**
   * The main thread, the emulators and store-record keep a core busy each in a burst; parse-page gets
   * what is left, at least one. Each thread is a V8 isolate that compiles the SDK and the parser for
   * itself: on 2 cores a second parse thread cost more in JIT and switching than it gained (1,000-page
   * burst, 32 against 37 pages/s).
   */
  functionThreads: { parsePage: Math.max(1, availableParallelism() - 3), storeRecord: 1 },
  /** As the dev stage (infra/stages.ts): local is as interactive. */
  batching: BATCHING.interactive,
} as const;

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const host = options.host ?? DEFAULTS.host;
  const stage = options.stage ?? DEFAULTS.stage;
  const region = options.region ?? DEFAULTS.region;
  const log = options.log ?? ((message: string) => console.error(message));
  const cleanup: (() => Promise<void>)[] = [];

  try {
    // fauxqs queue URLs are http://sqs.<region>.localhost:<port>/…, and an SQS client with no explicit
    // endpoint (the functions') sends to the queue URL's host, so *.localhost must resolve here.
    const restoreDns = interceptLocalhostDns();
    cleanup.push(async () => restoreDns());

    /** Every emulator client of the runtime: dummy credentials, and the functions' quiet SDK logger. */
    const local = { region, credentials: LOCAL_CREDENTIALS, logger: SDK_LOGGER };
    /** S3, SQS and SNS resolve each command's middleware once (the DocumentClient refuses this on DynamoDB). */
    const cached = { ...local, cacheMiddleware: true };
    const emulators: Emulators = await startEmulators({
      host,
      awsPort: options.awsPort ?? DEFAULTS.awsPort,
      dataDir: options.dataDir,
      onS3Event: options.onS3Event,
    });
    cleanup.push(() => emulators.stop());

    const direct = {
      s3: new S3Client({ ...cached, endpoint: emulators.fauxqsUrl, forcePathStyle: true }),
      sqs: new SQSClient({ ...cached, endpoint: emulators.fauxqsUrl }),
    };

    // The functions' own endpoint, when asked for: a proxy in front of the advertised one with the
    // injector, so only their data-plane calls fail, and/or answering a read of a missing object 403,
    // as S3 does for their roles.
    const injector = options.faults ? new FaultInjector(options.faults) : undefined;
    let functionsEndpoint: ListeningServer | undefined;
    if (injector || options.denyMissingObjectReads) {
      const proxy = await startFunctionsEndpoint({
        host,
        port: 0,
        upstream: emulators.awsEndpointUrl,
        faults: injector,
        denyMissingObjectReads: options.denyMissingObjectReads ?? false,
      });
      functionsEndpoint = proxy;
      cleanup.unshift(() => proxy.close());
    }

    const clients = {
      s3: new S3Client({ ...cached, endpoint: emulators.awsEndpointUrl, forcePathStyle: true }),
      sqs: new SQSClient({ ...cached, endpoint: emulators.awsEndpointUrl }),
      sns: new SNSClient({ ...cached, endpoint: emulators.awsEndpointUrl }),
      dynamodb: new DynamoDBClient({ ...local, endpoint: emulators.awsEndpointUrl }),
    };
    const resources = await createLocalResources(clients, region, stage, {
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    });
    await emulators.notifyRawObjects({
      region,
      bucket: resources.rawBucketName,
      prefix: RAW_PREFIX,
      queueUrl: resources.pageEventsQueueUrl,
    });

    let recoveredPages = 0;
    if (options.dataDir) {
      const ledger = new SettledPages(join(options.dataDir, "settled-pages.jsonl"));
      const follower = await followIntoLedger({
        sqs: direct.sqs,
        sns: new SNSClient({ ...cached, endpoint: emulators.fauxqsUrl }),
        topicArn: resources.ingestTopicArn,
        queueName: `docket-${stage}-local-settled-pages`,
        ledger,
        waitTimeSeconds: options.pollWaitSeconds ?? DEFAULTS.pollWaitSeconds,
        onError: (error) => log(`settled-pages ledger: ${describe(error)}`),
      });
      cleanup.unshift(() => follower.stop());
      recoveredPages = await recoverUnsettledPages({
        s3: direct.s3,
        bucket: resources.rawBucketName,
        prefix: RAW_PREFIX,
        ledger,
        announceStored: (object) => emulators.announceStored(object),
      });
    }

    Object.assign(
      process.env,
      functionEnvironment(
        {
          stage,
          resources,
          // Straight to the emulators (no function writes under raw/, so the proxy would add only a hop),
          // unless the injector must see the calls, or S3 reads must get S3's answers to the functions' roles.
          s3Endpoint: functionsEndpoint?.url ?? emulators.fauxqsUrl,
          // The queue URLs' own origin: the SDK would send there anyway (see interceptLocalhostDns above).
          sqsEndpoint:
            injector && functionsEndpoint ? functionsEndpoint.url : new URL(resources.pageEventsQueueUrl).origin,
          snsEndpoint: emulators.fauxqsUrl,
          dynamodbEndpoint: injector && functionsEndpoint ? functionsEndpoint.url : emulators.dynamodbUrl,
          maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
          cursorKey: options.cursorKey ?? randomBytes(32).toString("base64url"),
        },
        process.env,
      ),
    );

    const concurrency = { ...DEFAULTS.concurrency, ...options.concurrency };
    const timeouts = { ...FUNCTION_TIMEOUT_SECONDS, ...options.functionTimeoutSeconds };
    const threadCounts = { ...DEFAULTS.functionThreads, ...options.functionThreads };
    const env = { ...process.env };
    /** The real handler, on worker threads unless the caller asked for the main thread. */
    const threaded = (name: ThreadedFunction) => {
      const threads = Math.min(threadCounts[name], concurrency[name]);
      if (threads <= 0) return { factory: realHandler<SQSEvent, unknown>(name) };
      const host = new FunctionThreads({ name, threads, env });
      threadHosts.push(host);
      return { factory: host.factory<SQSEvent, unknown>(), onDiscard: (id: number) => host.discard(id) };
    };
    const threadHosts: FunctionThreads[] = [];
    cleanup.unshift(async () => {
      await Promise.all(threadHosts.map((host) => host.stop()));
    });
    // The web functions run on the main thread beside the server, as query-api does, each reading through
    // the query API's code in-process, as in AWS.
    const webFunction = (name: WebFunctionName) =>
      new LocalFunction<StreamedInvocation, void>({
        name: `docket-${stage}-${name}`,
        region,
        timeoutSeconds: timeouts[name],
        maxConcurrency: concurrency[name],
        factory: options.handlers?.[name] ?? realStreamingHandler(name),
      });
    const webFunctions = { web: webFunction("web"), download: webFunction("download") };
    const functions = {
      parsePage: new LocalFunction<SQSEvent, unknown>({
        name: `docket-${stage}-parse-page`,
        region,
        timeoutSeconds: timeouts.parsePage,
        maxConcurrency: concurrency.parsePage,
        ...(options.handlers?.parsePage ? { factory: options.handlers.parsePage } : threaded("parsePage")),
      }),
      storeRecord: new LocalFunction<SQSEvent, unknown>({
        name: `docket-${stage}-store-record`,
        region,
        timeoutSeconds: timeouts.storeRecord,
        maxConcurrency: concurrency.storeRecord,
        ...(options.handlers?.storeRecord ? { factory: options.handlers.storeRecord } : threaded("storeRecord")),
      }),
      queryApi: new LocalFunction<APIGatewayProxyEvent, unknown>({
        name: `docket-${stage}-query-api`,
        region,
        timeoutSeconds: timeouts.queryApi,
        maxConcurrency: concurrency.queryApi,
        factory: options.handlers?.queryApi ?? realHandler("queryApi"),
      }),
      ...webFunctions,
    };

    // Threads load their handler modules meanwhile; the pollers start once they can take a batch.
    const threadsStarted = Promise.all(threadHosts.map((host) => host.start()));
    const pollerSqs = new SQSClient({ ...cached, endpoint: emulators.fauxqsUrl });
    const queueArn = async (queueUrl: string) => {
      const { Attributes } = await pollerSqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
      );
      return Attributes?.QueueArn ?? "";
    };
    const sources = {
      pageEvents: new SqsEventSource({
        sqs: pollerSqs,
        queueUrl: resources.pageEventsQueueUrl,
        queueArn: await queueArn(resources.pageEventsQueueUrl),
        region,
        batchSize: DEFAULTS.batching.pageEvents.batchSize,
        maxBatchingWindowMs:
          options.maxBatchingWindowMs?.pageEvents ?? DEFAULTS.batching.pageEvents.maxBatchingWindowSeconds * 1000,
        concurrency: concurrency.parsePage,
        waitTimeSeconds: options.pollWaitSeconds ?? DEFAULTS.pollWaitSeconds,
        invoke: (event) => functions.parsePage.invoke(event),
        onInvokeError: (error) => log(`parse-page: ${describe(error)}`),
      }),
      records: new SqsEventSource({
        sqs: pollerSqs,
        queueUrl: resources.recordsQueueUrl,
        queueArn: await queueArn(resources.recordsQueueUrl),
        region,
        batchSize: DEFAULTS.batching.records.batchSize,
        maxBatchingWindowMs:
          options.maxBatchingWindowMs?.records ?? DEFAULTS.batching.records.maxBatchingWindowSeconds * 1000,
        concurrency: concurrency.storeRecord,
        waitTimeSeconds: options.pollWaitSeconds ?? DEFAULTS.pollWaitSeconds,
        invoke: (event) => functions.storeRecord.invoke(event),
        onInvokeError: (error) => log(`store-record: ${describe(error)}`),
      }),
    };
    await threadsStarted;
    sources.pageEvents.start();
    sources.records.start();
    cleanup.unshift(async () => {
      await Promise.all([sources.pageEvents.stop(), sources.records.stop()]);
    });

    const api: ApiGatewayServer = await startApiGatewayServer({
      host,
      port: options.apiPort ?? DEFAULTS.apiPort,
      stage,
      region,
      invoke: (event) => functions.queryApi.invoke(event),
      // Each web route to the function the route table names, as API Gateway sends it in AWS.
      web: Object.fromEntries(
        WEB_FUNCTIONS.map((name) => [name, (event, stream) => functions[name].invoke({ event, stream })]),
      ) as Record<WebFunctionName, StreamingInvoke>,
      onError: (error) => log(`query-api: ${describe(error)}`),
    });
    cleanup.unshift(() => api.close());

    if (options.s3TestEvent ?? true) {
      await direct.sqs.send(
        new SendMessageCommand({
          QueueUrl: resources.pageEventsQueueUrl,
          MessageBody: JSON.stringify(s3TestEvent(resources.rawBucketName)),
        }),
      );
    }

    const depth = async (queueUrl: string): Promise<QueueDepth> => {
      const { Attributes = {} } = await direct.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
          ],
        }),
      );
      return {
        visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
      };
    };
    const queueDepths = async () => {
      const [pageEvents, pageEventsDlq, records, recordsDlq] = await Promise.all([
        depth(resources.pageEventsQueueUrl),
        depth(resources.pageEventsDlqUrl),
        depth(resources.recordsQueueUrl),
        depth(resources.recordsDlqUrl),
      ]);
      return { pageEvents, pageEventsDlq, records, recordsDlq };
    };

    let stopped = false;
    return {
      stage,
      apiUrl: api.url,
      awsEndpoint: emulators.awsEndpointUrl,
      resources,
      clients,
      functions,
      recoveredPages,
      async usage() {
        const main = threadCpuMs();
        const [emulator, ...hosts] = await Promise.all([emulators.usage(), ...threadHosts.map((host) => host.usage())]);
        return {
          threads: [{ thread: "main", cpuMs: main }, { thread: "emulators", cpuMs: emulator.cpuMs }, ...hosts.flat()],
          requests: emulator.requests,
        };
      },
      get faultsInjected() {
        return { s3: 0, sqs: 0, dynamodb: 0, ...injector?.injected };
      },
      get s3EventsEmitted() {
        return emulators.s3EventsEmitted;
      },
      queueDepths,
      async waitForIdle({ timeoutMs = 60_000, intervalMs = 100 } = {}) {
        const deadline = Date.now() + timeoutMs;
        let quietChecks = 0;
        while (quietChecks < 2) {
          if (Date.now() > deadline) {
            throw new Error(`pipeline not idle after ${timeoutMs} ms: ${JSON.stringify(await queueDepths())}`);
          }
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
          const depths = await queueDepths();
          const queued = [depths.pageEvents, depths.records].some((d) => d.visible + d.inFlight + d.delayed > 0);
          const busy = sources.pageEvents.busy + sources.records.busy > 0;
          quietChecks = queued || busy ? 0 : quietChecks + 1;
        }
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await runCleanup(cleanup);
      },
    };
  } catch (error) {
    await runCleanup(cleanup).catch(() => undefined);
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
