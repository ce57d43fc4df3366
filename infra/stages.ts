import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Period } from "aws-cdk-lib/aws-apigateway";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  BATCHING,
  type BatchingSettings,
  DEFAULT_MAX_PAGE_BYTES,
  FUNCTION_TIMEOUT_SECONDS,
} from "../shared/config/resources";
import { WEB_METHODS, WEB_ROUTES } from "../shared/config/web-routes";

/**
 * Everything that differs between dev, staging and prod, in one typed place.
 * The stack reads nothing else about its stage: a new stage is a new entry here.
 */
export const STAGE_NAMES = ["dev", "staging", "prod"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export type FunctionName = keyof typeof FUNCTION_TIMEOUT_SECONDS;

export interface FunctionSettings {
  memoryMiB: number;
  /** From shared/config/resources.ts: the queue visibility timeouts are derived from the same numbers. */
  timeout: Duration;
  /** Concurrency set aside for (and capping) this function; undefined draws from the unreserved pool. */
  reservedConcurrency?: number;
}

/** One of the BATCHING profiles of shared/config/resources.ts (the local runtime uses dev's), and the concurrency. */
export interface QueueConsumerSettings extends BatchingSettings {
  /** Highest number of concurrent invocations the SQS event source drives (2–1000). */
  maxConcurrency: number;
}

export interface IngestSubscription {
  protocol: "email" | "https" | "sqs";
  /** E-mail address, HTTPS URL, or SQS queue ARN. */
  endpoint: string;
  /** Deliver only events whose `type` message attribute is one of these (e.g. "page.rejected"); all when absent. */
  filterTypes?: string[];
}

export interface StageConfig {
  name: StageName;
  /** What deleting the stack does to stateful resources (buckets, table, log groups, keys). */
  removalPolicy: RemovalPolicy;
  /** Empty the buckets on stack deletion (only meaningful with RemovalPolicy.DESTROY). */
  autoDeleteObjects: boolean;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  logRetention: RetentionDays;
  /** Powertools log level for every function. */
  logLevel: "DEBUG" | "INFO" | "WARN" | "ERROR";
  /** Alarm notifications go here when set (overridable with `-c alarmEmail=…`). */
  alarmEmail?: string;
  /** Refuse to synthesize without `alarmEmail`: alarms that reach no one are not alarms. */
  requireAlarmEmail: boolean;
  api: {
    requireApiKey: boolean;
    /** Stage-wide and per-key steady-state requests per second and burst. */
    throttle: { rateLimit: number; burstLimit: number };
    /**
     * The public web downloads' own limit, below the stage's (requests per second and burst, for each
     * download route and method): a download keeps the download function busy for up to minutes
     * (shared/web/export-rows.ts bounds it), so this slows how fast they can start; how many run at
     * once is bounded by the download function's reserved concurrency, and in prod each address by
     * the WAF rule.
     */
    downloadThrottle: { rateLimit: number; burstLimit: number };
    quota: { limit: number; period: Period };
    /**
     * Origins browsers may call the API from ("*" for any). Empty: same-origin only (the web pages
     * the API serves itself), no CORS preflight at all.
     */
    corsAllowOrigins: string[];
    /** A WAF web ACL in front of the API that blocks an IP over this many requests in any 5 minutes; none when absent. */
    firewall?: { requestsPerIpPer5Minutes: number };
    /** When set, only these source CIDRs reach the web pages (an API resource policy); the API keeps its keys. */
    webAllowCidrs?: string[];
  };
  ingestSubscriptions: IngestSubscription[];
  functions: Record<FunctionName, FunctionSettings>;
  eventSources: { pageEvents: QueueConsumerSettings; records: QueueConsumerSettings };
  /** Pages larger than this are rejected unread. */
  maxPageBytes: number;
  /** Artifacts bucket: superseded versions expire after the first, record bodies move to Standard-IA after the second. */
  artifacts: { noncurrentVersionExpiration: Duration; infrequentAccessAfter: Duration };
  accessLogsExpiration: Duration;
  alarms: {
    /** Oldest message age on a work queue that means the pipeline is falling behind. */
    oldestMessageAge: Duration;
    /** Function errors per 5 minutes that page someone. */
    functionErrors: number;
    /** API 5XX responses per 5 minutes. */
    api5xxErrors: number;
  };
}

/**
 * How long an API request may hold its function, for the throttle arithmetic below: a cold start
 * (half a second to a second) plus the query. Warm requests take tens of milliseconds.
 */
export const SLOW_API_REQUEST_SECONDS = 1;

/**
 * The most API requests that can run at once under a stage's throttle. API Gateway's token bucket
 * lets `burstLimit` requests start at once and refills at `rateLimit` a second, so at most
 * burst + rate × d requests start in any d seconds; if each runs d seconds, that many run together.
 * A function behind the API with reserved concurrency must have at least this much, or a burst that
 * API Gateway admits meets Lambda throttling, which a proxy integration answers with 500, not 429
 * (and fires the Api5xx alarm). The download function is held to the same against its own lower
 * throttle (api.downloadThrottle); a download streams for minutes, so beyond the burst it is its
 * reserved concurrency that bounds how many run, and the web function's pages share none of it.
 */
export function peakApiConcurrency(throttle: { rateLimit: number; burstLimit: number }): number {
  return throttle.burstLimit + throttle.rateLimit * SLOW_API_REQUEST_SECONDS;
}

/**
 * Each download method's throttle (GET and HEAD of each download route; API Gateway keeps a bucket
 * per method): one a second, with no burst beyond it.
 */
const DOWNLOAD_THROTTLE = { rateLimit: 1, burstLimit: 1 };

/** Download methods, each with its own DOWNLOAD_THROTTLE bucket: GET and HEAD of the two downloads. */
const DOWNLOAD_METHODS = WEB_ROUTES.filter((route) => route.function === "download").length * WEB_METHODS.length;

/**
 * Downloads that may run at once, the download function's reserved concurrency, in every stage: each
 * holds its slot for as long as it streams (up to the function's timeout), so this, not the throttle,
 * bounds them; a download past it is refused (API Gateway answers 500) and the pages are untouched.
 * Enough for what all the download methods' buckets admit at once (4 × peakApiConcurrency = 8), so a
 * burst the throttle lets through is never refused; few, so downloads stay a small share of the account.
 */
const DOWNLOADS_AT_ONCE = DOWNLOAD_METHODS * peakApiConcurrency(DOWNLOAD_THROTTLE);

const timeouts = {
  parsePage: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.parsePage),
  storeRecord: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.storeRecord),
  queryApi: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.queryApi),
  web: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.web),
  download: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.download),
};

export const STAGES: Record<StageName, StageConfig> = {
  dev: {
    name: "dev",
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
    pointInTimeRecovery: false,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_WEEK,
    logLevel: "DEBUG",
    requireAlarmEmail: false,
    api: {
      requireApiKey: true,
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 10_000, period: Period.DAY },
      downloadThrottle: DOWNLOAD_THROTTLE,
      corsAllowOrigins: ["*"],
    },
    ingestSubscriptions: [],
    functions: {
      // cheerio + opencc tables dominate memory; more memory also buys CPU for parsing.
      parsePage: { memoryMiB: 1024, timeout: timeouts.parsePage },
      storeRecord: { memoryMiB: 512, timeout: timeouts.storeRecord },
      queryApi: { memoryMiB: 512, timeout: timeouts.queryApi },
      web: { memoryMiB: 512, timeout: timeouts.web },
      download: { memoryMiB: 512, timeout: timeouts.download, reservedConcurrency: DOWNLOADS_AT_ONCE },
    },
    // Interactive: an upload is queryable in about a second.
    eventSources: {
      pageEvents: { ...BATCHING.interactive.pageEvents, maxConcurrency: 2 },
      records: { ...BATCHING.interactive.records, maxConcurrency: 2 },
    },
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
    artifacts: { noncurrentVersionExpiration: Duration.days(7), infrequentAccessAfter: Duration.days(30) },
    accessLogsExpiration: Duration.days(30),
    alarms: { oldestMessageAge: Duration.minutes(30), functionErrors: 5, api5xxErrors: 5 },
  },
  staging: {
    name: "staging",
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
    pointInTimeRecovery: true,
    deletionProtection: false,
    logRetention: RetentionDays.ONE_MONTH,
    logLevel: "INFO",
    requireAlarmEmail: false,
    api: {
      requireApiKey: true,
      throttle: { rateLimit: 20, burstLimit: 40 },
      quota: { limit: 50_000, period: Period.DAY },
      downloadThrottle: DOWNLOAD_THROTTLE,
      corsAllowOrigins: [],
      // Off by default (a web ACL costs a few dollars a month); set this to try the rule before prod.
      firewall: undefined,
    },
    ingestSubscriptions: [],
    functions: {
      parsePage: { memoryMiB: 1024, timeout: timeouts.parsePage },
      storeRecord: { memoryMiB: 512, timeout: timeouts.storeRecord },
      queryApi: { memoryMiB: 512, timeout: timeouts.queryApi },
      web: { memoryMiB: 512, timeout: timeouts.web },
      download: { memoryMiB: 512, timeout: timeouts.download, reservedConcurrency: DOWNLOADS_AT_ONCE },
    },
    // Batched like prod, so staging shows prod's latency and invocation counts.
    eventSources: {
      pageEvents: { ...BATCHING.bulk.pageEvents, maxConcurrency: 5 },
      records: { ...BATCHING.bulk.records, maxConcurrency: 5 },
    },
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
    artifacts: { noncurrentVersionExpiration: Duration.days(14), infrequentAccessAfter: Duration.days(30) },
    accessLogsExpiration: Duration.days(90),
    alarms: { oldestMessageAge: Duration.minutes(30), functionErrors: 5, api5xxErrors: 5 },
  },
  prod: {
    name: "prod",
    removalPolicy: RemovalPolicy.RETAIN,
    autoDeleteObjects: false,
    pointInTimeRecovery: true,
    deletionProtection: true,
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: "INFO",
    requireAlarmEmail: true,
    api: {
      requireApiKey: true,
      // peakApiConcurrency: 10 + 10 × 1 s = 20, the query functions' reserved concurrency below. 10 requests/s
      // is 864,000 a day, four times the quota; the WAF holds each IP to about 3.3/s.
      throttle: { rateLimit: 10, burstLimit: 10 },
      quota: { limit: 200_000, period: Period.DAY },
      downloadThrottle: DOWNLOAD_THROTTLE,
      // Same origin only; list the origins of other sites that call the API here.
      corsAllowOrigins: [],
      // One key is shared by its callers, so the usage plan cannot tell them apart: this caps each IP
      // at about 3.3 requests/s sustained, well above a person paging through results.
      firewall: { requestsPerIpPer5Minutes: 1000 },
    },
    ingestSubscriptions: [],
    functions: {
      parsePage: { memoryMiB: 1536, timeout: timeouts.parsePage },
      storeRecord: { memoryMiB: 512, timeout: timeouts.storeRecord },
      // Reserved so a backfill cannot starve the API of concurrency (and a flood cannot run up the bill);
      // at least peakApiConcurrency(api.throttle), as the stage's throttle applies to both.
      queryApi: { memoryMiB: 1024, timeout: timeouts.queryApi, reservedConcurrency: 20 },
      web: { memoryMiB: 1024, timeout: timeouts.web, reservedConcurrency: 20 },
      // Downloads run for minutes: their own few slots, so however many are asked for, the pages keep their 20.
      download: { memoryMiB: 1024, timeout: timeouts.download, reservedConcurrency: DOWNLOADS_AT_ONCE },
    },
    // A 100,000-page backfill drains at 20 parsers; the writer is cheaper and DynamoDB on-demand absorbs it.
    // Batched for cost: fuller batches mean fewer invocations per page during a backfill.
    eventSources: {
      pageEvents: { ...BATCHING.bulk.pageEvents, maxConcurrency: 20 },
      records: { ...BATCHING.bulk.records, maxConcurrency: 10 },
    },
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
    artifacts: { noncurrentVersionExpiration: Duration.days(30), infrequentAccessAfter: Duration.days(30) },
    accessLogsExpiration: Duration.days(365),
    alarms: { oldestMessageAge: Duration.minutes(15), functionErrors: 1, api5xxErrors: 1 },
  },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === "string" && (STAGE_NAMES as readonly string[]).includes(value);
}

/** The configuration of a stage, failing with the valid names for anything else. */
export function stageConfig(name: unknown): StageConfig {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use -c stage=${STAGE_NAMES.join("|")}`);
  }
  return STAGES[name];
}
