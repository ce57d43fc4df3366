import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESM_REQUIRE_BANNER } from "../../infra/constructs/docket-function";
import type { FunctionName } from "../../infra/stages";
import { type SynthesizedStage, synthStage } from "./support/synth-stage";
import { logicalId, resource } from "./support/template-queries";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FUNCTIONS: FunctionName[] = ["parsePage", "storeRecord", "queryApi", "web"];
/** Dummy values for the variables the handlers read when their module loads. */
const HANDLER_ENV = {
  DOCKET_STAGE: "prod",
  RAW_BUCKET_NAME: "raw",
  ARTIFACTS_BUCKET_NAME: "artifacts",
  RECORDS_QUEUE_URL: "https://sqs.ap-east-1.amazonaws.com/111122223333/records",
  TABLE_NAME: "table",
  INGEST_TOPIC_ARN: "arn:aws:sns:ap-east-1:111122223333:ingest",
  MAX_PAGE_BYTES: "1048576",
  CURSOR_KEY_SECRET_ARN: "arn:aws:secretsmanager:ap-east-1:111122223333:secret:cursor",
  AWS_REGION: "ap-east-1",
};

// Bundling is identical in every stage, so one stage is bundled for real; the other tests skip esbuild.
let prod: SynthesizedStage;
let scratch: string;
beforeAll(() => {
  prod = synthStage("prod", { bundle: true });
  scratch = mkdtempSync(join(tmpdir(), "docket-bundle-"));
  // The Lambda runtime provides the AWS SDK; locally the repo's node_modules stands in for it.
  symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"), "dir");
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The staged asset directory of a function: asset.<hash> in the app's output, named by the code's S3 key. */
function assetDir(name: FunctionName): string {
  const code = resource(prod.template, logicalId(prod.stack[name].lambda)).Properties?.Code as { S3Key: string };
  return join(prod.app.outdir, `asset.${code.S3Key.replace(/\.zip$/, "")}`);
}

/** Module specifiers the bundle still loads at run time: static and dynamic imports and require calls. */
function runtimeSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\)\s*\(\s*)["']([^"'\s]+)["']/g)) {
    const spec = match[1] ?? "";
    if (/^[@a-z]/.test(spec) && !spec.includes(" ")) found.add(spec);
  }
  return [...found];
}

const providedAtRuntime = (spec: string) =>
  spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0] ?? "") || spec.startsWith("@aws-sdk/");

describe.each(FUNCTIONS)("bundle of %s", (name) => {
  it("is one ES module under 2 MB with a source map and a working require for CommonJS dependencies", () => {
    const dir = assetDir(name);
    expect(existsSync(join(dir, "index.mjs"))).toBe(true);
    expect(existsSync(join(dir, "index.mjs.map"))).toBe(true);
    const code = readFileSync(join(dir, "index.mjs"), "utf8");
    expect(
      code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"),
    ).toBe(true);
    // A cold start parses all of it: keep well under Lambda's limits and the SDK out of it.
    expect(code.length).toBeLessThan(2 * 1024 * 1024);
  });

  it("loads nothing at run time that the Lambda runtime lacks (only Node built-ins and the AWS SDK)", () => {
    const code = readFileSync(join(assetDir(name), "index.mjs"), "utf8");
    expect(runtimeSpecifiers(code).filter((spec) => !providedAtRuntime(spec))).toEqual([]);
  });

  it("imports as ESM on Node and exports a handler function", () => {
    const file = join(scratch, `${name}.mjs`);
    cpSync(join(assetDir(name), "index.mjs"), file);
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`],
      { env: { ...process.env, ...HANDLER_ENV, NODE_NO_WARNINGS: "1" }, encoding: "utf8", timeout: 60_000 },
    );
    expect(out.trim()).toBe("function");
  });
});

describe("the parser, bundled the way the Lambda bundles it", () => {
  it("parses a traditional-script page with no node_modules at all (opencc-js is inside the bundle)", async () => {
    const { build } = await import("esbuild");
    const dir = mkdtempSync(join(tmpdir(), "docket-parser-bundle-"));
    try {
      const outfile = join(dir, "parser.mjs");
      await build({
        entryPoints: [join(ROOT, "shared/parse/parse-page.ts")],
        outfile,
        bundle: true,
        platform: "node",
        format: "esm",
        mainFields: ["module", "main"],
        banner: { js: ESM_REQUIRE_BANNER },
        minify: true,
        logLevel: "silent",
      });
      const page = join(ROOT, "test/fixtures/seeds/003_e8e8e54d7c3c5c4e.txt");
      const script = `const { parsePage } = await import(${JSON.stringify(outfile)});
        const { readFileSync } = await import("node:fs");
        const outcome = parsePage(readFileSync(${JSON.stringify(page)}), { uri: "s3://b/raw/003.txt" });
        console.log(JSON.stringify(outcome.ok ? { script: outcome.record.script, body: outcome.record.body.slice(0, 200) } : outcome));`;
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", NODE_NO_WARNINGS: "1" },
        encoding: "utf8",
        timeout: 60_000,
      });
      const parsed = JSON.parse(out) as { script: string; body: string };
      expect(parsed.script).toBe("traditional");
      expect(parsed.body).toContain("钟楼区召开四套班子领导干部");
      expect(parsed.body).not.toMatch(/[區會鐘]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
