/**
 * `npm start`: the whole pipeline on this machine, with the sample pages
 * loaded. Ports: the API on DOCKET_PORT (default 3000); S3, SQS, SNS and
 * DynamoDB on one AWS endpoint, DOCKET_AWS_PORT (default 4566, or a free port
 * when 4566 is taken and the variable is unset). The emulators themselves
 * sit on free loopback ports behind that endpoint. No API key locally.
 *
 * State (raw pages, the table, what was settled) is kept in DOCKET_DATA_DIR
 * (default .docket/data), so pages and records survive a restart or a kill;
 * `npm start -- --fresh` starts empty.
 *
 * Knobs: DOCKET_VISIBILITY_TIMEOUT_SECONDS (both work queues; default from
 * shared/config/resources.ts), MAX_PAGE_BYTES, POWERTOOLS_LOG_LEVEL (the
 * functions' own logs; WARN by default), DOCKET_STATE_FILE (where the CLI
 * finds the running pipeline; default .docket/local.json).
 */
import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_STATE_FILE,
  isStateLive,
  readLocalState,
  removeLocalState,
  writeLocalState,
} from "../../shared/config/local-state-file";
import { checkMaxPageBytes, DEFAULT_MAX_PAGE_BYTES } from "../../shared/config/resources";
import { REPO_ROOT } from "./load-handler";
import { loadSamplePages } from "./load-sample-pages";
import { type LocalRuntime, startLocalRuntime } from "./local-runtime";

// Node 20 is supported here; the SDK's 2027 Node-version notice is in the README, not on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const started = Date.now();

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${name} must be a port number, got "${value}"`);
  return port;
}

function positiveIntegerFrom(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) fail(`${name} must be a positive whole number, got "${value}"`);
  return number;
}

function fail(message: string): never {
  process.stderr.write(`docket: ${message}\n`);
  process.exit(1);
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "EADDRINUSE";
}

let fresh = false;
try {
  fresh = parseArgs({ options: { fresh: { type: "boolean", default: false } } }).values.fresh ?? false;
} catch (error) {
  fail(`${(error as Error).message}. Usage: npm start [-- --fresh]`);
}
const stateFile = DEFAULT_STATE_FILE;
const dataDir = resolve(process.env.DOCKET_DATA_DIR || join(REPO_ROOT, ".docket", "data"));

const previous = await readLocalState(stateFile);
if (previous && previous.pid !== process.pid && isStateLive(previous)) {
  fail(`a local pipeline is already running (pid ${previous.pid}, API ${previous.apiUrl}); stop it first`);
}

const apiPort = portFrom("DOCKET_PORT", 3000);
const awsPortSet = Boolean(process.env.DOCKET_AWS_PORT);
const awsPort = portFrom("DOCKET_AWS_PORT", 4566);
const visibility = positiveIntegerFrom("DOCKET_VISIBILITY_TIMEOUT_SECONDS");
const visibilityTimeoutSeconds = visibility ? { pageEvents: visibility, records: visibility } : undefined;
const maxPageBytes = positiveIntegerFrom("MAX_PAGE_BYTES") ?? DEFAULT_MAX_PAGE_BYTES;
try {
  checkMaxPageBytes(maxPageBytes);
} catch (error) {
  fail((error as Error).message);
}

if (fresh) await rm(dataDir, { recursive: true, force: true });

async function start(port: number): Promise<LocalRuntime> {
  return startLocalRuntime({
    dataDir,
    apiPort,
    awsPort: port,
    maxPageBytes,
    ...(visibilityTimeoutSeconds ? { visibilityTimeoutSeconds } : {}),
    log: (message) => process.stderr.write(`${message}\n`),
  });
}

let runtime: LocalRuntime;
try {
  try {
    runtime = await start(awsPort);
  } catch (error) {
    if (!isAddressInUse(error) || awsPortSet) throw error;
    runtime = await start(0);
  }
} catch (error) {
  if (isAddressInUse(error)) {
    fail(`port in use: ${(error as Error).message}. Set DOCKET_PORT (API) or DOCKET_AWS_PORT (AWS endpoint).`);
  }
  throw error;
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    process.stderr.write("docket: forced exit\n");
    process.exit(1);
  }
  stopping = true;
  process.stderr.write(`\ndocket: ${signal}, stopping…\n`);
  await removeLocalState(stateFile);
  await runtime.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

let samples: Awaited<ReturnType<typeof loadSamplePages>>;
try {
  samples = await loadSamplePages(runtime);
} catch (error) {
  // Ctrl-C while the samples load stops the runtime under them: let shutdown finish and exit.
  if (stopping) await new Promise(() => {});
  fail(`could not load the sample pages: ${(error as Error).message}`);
}
await writeLocalState(
  {
    pid: process.pid,
    startedAt: new Date(started).toISOString(),
    stage: runtime.stage,
    apiUrl: runtime.apiUrl,
    awsEndpoint: runtime.awsEndpoint,
    resources: runtime.resources,
  },
  stateFile,
);

const { resources } = runtime;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`
Docket local pipeline ready in ${seconds}s — ${samples.stored} of ${samples.uploaded} sample pages stored.
  Data          ${dataDir}   (kept across restarts; npm start -- --fresh starts empty)
  Recovered     ${runtime.recoveredPages} raw page(s) with no record or rejection, queued again

  Web app       ${runtime.apiUrl}/   (meetings, people, CSV and JSON Lines downloads)
  API           ${runtime.apiUrl}   (no API key locally)
                curl --get --data-urlencode region=钟楼区 -d limit=5 '${runtime.apiUrl}/meetings'
                curl '${runtime.apiUrl}/openapi.json'
  AWS endpoint  ${runtime.awsEndpoint}   (S3, SQS, SNS, DynamoDB; any credentials)
  raw bucket    s3://${resources.rawBucketName}/raw/   (every object created there is parsed)

  Upload:   npx docket upload FILE|DIR...
            AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \\
              aws --endpoint-url ${runtime.awsEndpoint} s3 cp page.html s3://${resources.rawBucketName}/raw/page.html
  Query:    npx docket query --region 常州市 --from 2022-01-01
  Follow:   npx docket events
  Recover:  npx docket redrive     |   npx docket reprocess --prefix raw/seeds/

  Endpoints and resource names: ${stateFile}
  Ctrl-C stops everything; the data stays.
`);
