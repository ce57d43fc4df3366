/**
 * `npm run bench:cold`: what a Lambda cold start pays for each function's
 * bundle. The bundles are built exactly as `cdk synth` builds them (the prod
 * stage, through infra/docket-app.ts), then each is imported in a fresh Node
 * process, 10 times in turn, and the median time of the `import()` is printed
 * with the bundle's size: wall time, and the CPU time the process spent, which
 * a loaded machine does not inflate. Each for tracing off (local runtime,
 * tests) and tracing on as in Lambda with active tracing (the X-Ray SDK loads).
 * Figures from before the cold-start work (commit 9114b5f, same machine; the
 * web function is newer, so its own are from f52d7af, before the bundle cuts)
 * are printed beside them from cold-start-baseline.json, with the ratio now/then.
 * Not a test: no limits (the size budget is a test, in test/infra/bundling).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FunctionName } from "../../infra/stages";
import { synthStage } from "../infra/support/synth-stage";
import { logicalId, resource } from "../infra/support/template-queries";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RUNS = Number(process.env.COLD_RUNS ?? 10);
const FUNCTIONS: FunctionName[] = ["parsePage", "storeRecord", "queryApi", "web", "download"];

/** The variables the handlers read when their module loads (values are never used to call AWS here). */
const HANDLER_ENV = {
  DOCKET_STAGE: "prod",
  RAW_BUCKET_NAME: "raw",
  ARTIFACTS_BUCKET_NAME: "artifacts",
  RECORDS_QUEUE_URL: "https://sqs.ap-east-1.amazonaws.com/111122223333/records",
  PAGE_EVENTS_QUEUE_URL: "https://sqs.ap-east-1.amazonaws.com/111122223333/page-events",
  TABLE_NAME: "table",
  INGEST_TOPIC_ARN: "arn:aws:sns:ap-east-1:111122223333:ingest",
  MAX_PAGE_BYTES: "10485760",
  CURSOR_KEY_SECRET_ARN: "arn:aws:secretsmanager:ap-east-1:111122223333:secret:cursor",
  AWS_REGION: "ap-east-1",
  POWERTOOLS_METRICS_NAMESPACE: "Docket",
};
/** What Lambda sets that makes Powertools turn tracing on. */
const LAMBDA_TRACING_ENV = {
  AWS_LAMBDA_FUNCTION_NAME: "docket-bench",
  AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x",
  AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR",
};

interface Baseline {
  commit: string;
  bundles: Partial<
    Record<
      FunctionName,
      { bytes: number; gzipBytes: number; importMs: number; tracedImportMs?: number; commit?: string; note?: string }
    >
  >;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface ImportTime {
  /** wall-clock milliseconds of the `import()`: the goal's measure, and what a loaded machine inflates */
  wallMs: number;
  /** CPU milliseconds the process spent in it (all its threads): what the bundle costs, whatever the load */
  cpuMs: number;
}

/** `await import(file)` in a new Node process. */
function importOnce(file: string, env: Record<string, string>): ImportTime {
  const script = `const t = performance.now(); const c = process.cpuUsage();
    const m = await import(${JSON.stringify(file)});
    if (typeof m.handler !== "function") throw new Error("no handler");
    const { user, system } = process.cpuUsage(c);
    process.stdout.write(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (user + system) / 1000 }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", NODE_NO_WARNINGS: "1", ...HANDLER_ENV, ...env },
    encoding: "utf8",
  });
  return JSON.parse(out) as ImportTime;
}

function importMedian(file: string, env: Record<string, string>): ImportTime {
  const times: ImportTime[] = [];
  for (let i = 0; i < RUNS; i++) times.push(importOnce(file, env));
  return { wallMs: median(times.map((time) => time.wallMs)), cpuMs: median(times.map((time) => time.cpuMs)) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number | undefined) => (value === undefined ? "-" : `${value.toFixed(0)} ms`);
/** now/then: below 1 is smaller or faster than the baseline. */
const ratio = (now: number, then: number | undefined) => (then ? `${(now / then).toFixed(2)}` : "-");

function main(): void {
  const baseline: Baseline = JSON.parse(readFileSync(new URL("cold-start-baseline.json", import.meta.url), "utf8"));
  const started = performance.now();
  const prod = synthStage("prod", { bundle: true });
  console.log(`bundled ${FUNCTIONS.length} functions in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Bundles run from a scratch folder; node_modules is linked beside them for any package left external.
  const scratch = mkdtempSync(join(tmpdir(), "docket-cold-"));
  symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"), "dir");
  try {
    const rows = FUNCTIONS.map((name) => {
      const code = resource(prod.template, logicalId(prod.stack[name].lambda)).Properties?.Code as { S3Key: string };
      const asset = join(prod.app.outdir, `asset.${code.S3Key.replace(/\.zip$/, "")}`, "index.mjs");
      const file = join(scratch, `${name}.mjs`);
      cpSync(asset, file);
      const bytes = statSync(file).size;
      const gzipBytes = gzipSync(readFileSync(file)).byteLength;
      const untraced = importMedian(file, {});
      const traced = importMedian(file, LAMBDA_TRACING_ENV);
      return {
        name,
        bytes,
        gzipBytes,
        importMs: untraced.wallMs,
        tracedImportMs: traced.wallMs,
        importCpuMs: untraced.cpuMs,
        tracedCpuMs: traced.cpuMs,
      };
    });

    const [load1] = loadavg();
    console.log(
      `\nimport() of each bundle in a fresh Node ${process.version} process, median of ${RUNS}; load ${load1?.toFixed(1)}`,
    );
    console.log(`baseline: commit ${baseline.commit}, same machine`);
    console.log("import/traced: wall time; cpu/t. cpu: CPU time of the process in the import (load-independent)\n");
    const header = [
      "function".padEnd(12),
      "size".padStart(8),
      "gzip".padStart(8),
      "import".padStart(8),
      "traced".padStart(8),
      "cpu".padStart(7),
      "t. cpu".padStart(7),
      "│",
      "was size".padStart(9),
      "was import".padStart(11),
      "was traced".padStart(11),
      "│",
      "size×".padStart(6),
      "import×".padStart(8),
      "traced×".padStart(8),
    ];
    console.log(header.join(" "));
    for (const row of rows) {
      const was = baseline.bundles[row.name];
      console.log(
        [
          row.name.padEnd(12),
          kb(row.bytes).padStart(8),
          kb(row.gzipBytes).padStart(8),
          ms(row.importMs).padStart(8),
          ms(row.tracedImportMs).padStart(8),
          ms(row.importCpuMs).padStart(7),
          ms(row.tracedCpuMs).padStart(7),
          "│",
          (was ? kb(was.bytes) : "-").padStart(9),
          ms(was?.importMs).padStart(11),
          ms(was?.tracedImportMs).padStart(11),
          "│",
          ratio(row.bytes, was?.bytes).padStart(6),
          ratio(row.importMs, was?.importMs).padStart(8),
          ratio(row.tracedImportMs, was?.tracedImportMs).padStart(8),
        ].join(" "),
      );
    }
    for (const row of rows) {
      const was = baseline.bundles[row.name];
      if (was?.commit) console.log(`${row.name}: baseline from commit ${was.commit}, ${was.note ?? ""}`);
    }
    if (process.argv.includes("--json")) console.log(JSON.stringify(rows));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
