import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followNotifications } from "../../infra/cli/follow-notifications";
import { REPO_ROOT } from "../../infra/local/load-handler";
import { samplePagePath } from "../../infra/local/load-sample-pages";
import { LOCAL_CREDENTIALS, type LocalPipelineState, readLocalState } from "../../shared/config/local-state-file";
import { eventually } from "./support/test-pipeline";

/**
 * `npm start` killed with SIGKILL in the middle of a burst, then started
 * again on the same data directory: every page an uploader was told is
 * stored ends as a record or a rejection. The runtime runs as a child
 * process, exactly as `npm start` runs it.
 */
// DOCKET_KILL_BURST runs the same test on a bigger burst by hand (2,000 was checked); CI keeps it small.
const BURST = Number(process.env.DOCKET_KILL_BURST ?? 300);
const KILL_AFTER_ACKNOWLEDGED = Math.floor(BURST / 3);
const SEED = "000_a669a8a67ac3bc30.txt";
const SEED_INDEX_NUMBER = "014119467/2022-00235";

let dir = "";
let child: ChildProcess | undefined;
const output: string[] = [];

interface Running {
  state: LocalPipelineState;
  s3: S3Client;
  stop: AbortController;
  rejected: Set<string>;
  following: Promise<void>;
}

async function startPipeline(): Promise<Running> {
  const stateFile = join(dir, "local.json");
  await rm(stateFile, { force: true });
  const started = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DOCKET_DATA_DIR: join(dir, "data"),
      DOCKET_STATE_FILE: stateFile,
      DOCKET_PORT: "0",
      DOCKET_AWS_PORT: "0",
      POWERTOOLS_LOG_LEVEL: "CRITICAL",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  started.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  started.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  // Ready once it has written where to reach it (after the sample pages are in).
  const state = await eventually(async () => {
    if (started.exitCode !== null) throw new Error(`npm start exited ${started.exitCode}: ${output.join("")}`);
    const found = await readLocalState(stateFile).catch(() => undefined);
    return found?.pid === started.pid ? found : undefined;
  }, 240_000);
  const clientOptions = { region: state.resources.region, endpoint: state.awsEndpoint, credentials: LOCAL_CREDENTIALS };
  const stop = new AbortController();
  const rejected = new Set<string>();
  let ready: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const following = followNotifications({
    sqs: new SQSClient(clientOptions),
    sns: new SNSClient(clientOptions),
    topicArn: state.resources.ingestTopicArn,
    signal: stop.signal,
    waitTimeSeconds: 1,
    onReady: () => ready(),
    onNotification: (notification) => {
      if ("type" in notification && notification.type === "page.rejected") rejected.add(notification.uri);
    },
  }).catch(() => undefined); // ends with an error when the pipeline is killed under it
  await Promise.race([subscribed, following]);
  // One attempt per upload: an upload the kill cut off counts as not acknowledged.
  const s3 = new S3Client({ ...clientOptions, forcePathStyle: true, maxAttempts: 1 });
  return { state, s3, stop, rejected, following };
}

async function killPipeline(running: Running): Promise<void> {
  const exited = new Promise((resolve) => child?.once("exit", resolve));
  child?.kill("SIGKILL");
  await exited;
  running.stop.abort();
  await running.following;
}

async function stopPipeline(running: Running): Promise<void> {
  running.stop.abort();
  await running.following;
  const exited = new Promise((resolve) => child?.once("exit", resolve));
  child?.kill("SIGTERM");
  await exited;
}

/** The S3 URI of every record in the table (from the version it was built from). */
async function storedUris(state: LocalPipelineState): Promise<Set<string>> {
  const dynamodb = new DynamoDBClient({
    region: state.resources.region,
    endpoint: state.awsEndpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  const uris = new Set<string>();
  let startKey: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: state.resources.tableName,
        FilterExpression: "sk = :record",
        ExpressionAttributeValues: { ":record": { S: "RECORD" } },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const uri = item.version?.M?.uri?.S;
      if (uri) uris.add(uri);
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return uris;
}

async function rawKeys(running: Running, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await running.s3.send(
      new ListObjectsV2Command({
        Bucket: running.state.resources.rawBucketName,
        Prefix: prefix,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ""));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "docket-kill-"));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a SIGKILL in the middle of a burst", () => {
  it("loses nothing acknowledged: after a restart, uploaded = stored + rejected", { timeout: 900_000 }, async () => {
    const seed = await readFile(samplePagePath(SEED), "utf8");
    const first = await startPipeline();
    const bucket = first.state.resources.rawBucketName;
    const uriOf = (key: string) => `s3://${bucket}/${key}`;

    // Rejections too: empty pages, settled before the kill.
    const emptyKeys = ["raw/kill/empty-1.txt", "raw/kill/empty-2.txt"];
    for (const key of emptyKeys) await first.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "" }));
    await eventually(() => (emptyKeys.every((key) => first.rejected.has(uriOf(key))) ? true : undefined), 120_000);

    // The burst: each page its own record (its own index number); the kill lands mid-way.
    const acknowledged = new Set<string>(emptyKeys);
    let next = 0;
    let killed: Promise<void> | undefined;
    const worker = async () => {
      for (let i = next++; i < BURST; i = next++) {
        const key = `raw/kill/page-${i}.txt`;
        try {
          await first.s3.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: seed.replaceAll(SEED_INDEX_NUMBER, `kill/${i}`),
            }),
          );
          acknowledged.add(key);
          if (acknowledged.size === KILL_AFTER_ACKNOWLEDGED + emptyKeys.length) killed = killPipeline(first);
        } catch {
          // cut off by the kill: never acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledged.size).toBeLessThan(BURST);

    const outputBefore = output.length;
    const second = await startPipeline();
    const recovered = /Recovered\s+(\d+) raw page/.exec(output.slice(outputBefore).join(""))?.[1];
    const uploaded = await rawKeys(second, "raw/kill/");
    const settled = await eventually(async () => {
      const stored = await storedUris(second.state);
      const rejected = new Set([...first.rejected, ...second.rejected]);
      const unsettled = uploaded.filter((key) => !stored.has(uriOf(key)) && !rejected.has(uriOf(key)));
      return unsettled.length === 0 ? { stored, rejected } : undefined;
    }, 600_000).catch(() => undefined);
    await stopPipeline(second);

    expect(recovered, output.join("")).toBeDefined();
    expect(Number(recovered)).toBeGreaterThan(0);
    // Every acknowledged upload is in the bucket (an upload cut off mid-answer may be there as well).
    expect([...acknowledged].filter((key) => !uploaded.includes(key))).toEqual([]);
    expect(settled, "some uploaded pages were neither stored nor rejected").toBeDefined();
    const stored = uploaded.filter((key) => settled?.stored.has(uriOf(key)));
    const rejected = uploaded.filter((key) => settled?.rejected.has(uriOf(key)));
    console.info(
      `SIGKILL after ${acknowledged.size} acknowledged uploads; restart re-queued ${recovered}; ` +
        `uploaded ${uploaded.length} = stored ${stored.length} + rejected ${rejected.length}`,
    );
    expect(rejected.sort()).toEqual([...emptyKeys].sort());
    expect(stored.length + rejected.length).toBe(uploaded.length);
  });
});
