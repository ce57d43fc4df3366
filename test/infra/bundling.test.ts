import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESM_REQUIRE_BANNER } from "../../infra/constructs/docket-function";
import type { FunctionName } from "../../infra/stages";
import { type SynthesizedStage, synthStage } from "./support/synth-stage";
import { logicalId, resource } from "./support/template-queries";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FUNCTIONS: FunctionName[] = ["parsePage", "storeRecord", "queryApi", "web", "download"];
/** Dummy values for the variables the handlers read when their module loads. */
const HANDLER_ENV = {
  DOCKET_STAGE: "prod",
  RAW_BUCKET_NAME: "raw",
  ARTIFACTS_BUCKET_NAME: "artifacts",
  RECORDS_QUEUE_URL: "https://sqs.ap-east-1.amazonaws.com/111122223333/records",
  PAGE_EVENTS_QUEUE_URL: "https://sqs.ap-east-1.amazonaws.com/111122223333/page-events",
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
  // No node_modules beside the bundles: everything but Node's built-ins must be inside them.
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
  // Not after "[": the SDK's error messages quote `[require("@aws-sdk/signature-v4-crt");]` as advice.
  for (const match of code.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|(?<!\[)\brequire\s*\(\s*|\)\s*\(\s*)["']([^"'\s]+)["']/g,
  )) {
    const spec = match[1] ?? "";
    if (/^[@a-z]/.test(spec) && !spec.includes(" ")) found.add(spec);
  }
  return [...found];
}

const providedAtRuntime = (spec: string) =>
  spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0] ?? "");

/** The download function's size budget: no S3 client, no page rendering (the web bundle was 813 kB with them). */
const DOWNLOAD_BUNDLE_BUDGET_KB = 640;

/** The AWS SDK clients each function calls: its bundle holds these and no others. */
const CLIENTS: Record<FunctionName, string[]> = {
  parsePage: ["client-s3", "client-sns", "client-sqs"],
  // SQS only to queue a page for re-parsing when its record's claim check has expired.
  storeRecord: ["client-dynamodb", "client-s3", "client-sns", "client-sqs"],
  queryApi: ["client-dynamodb", "client-s3", "client-secrets-manager"],
  web: ["client-dynamodb", "client-s3", "client-secrets-manager"],
  // The list only: no record bodies, so no S3.
  download: ["client-dynamodb", "client-secrets-manager"],
};

/** The source files in a bundle, read from its source map. */
function bundledSources(name: FunctionName): string[] {
  return (JSON.parse(readFileSync(join(assetDir(name), "index.mjs.map"), "utf8")) as { sources: string[] }).sources;
}

/** The @aws-sdk/client-* packages whose code is in a bundle. */
function bundledClients(name: FunctionName): string[] {
  const clients = bundledSources(name).flatMap((source) => source.match(/@aws-sdk\/(client-[a-z0-9-]+)\//)?.[1] ?? []);
  return [...new Set(clients)].sort();
}

/** The installed copies (node_modules paths) of the packages in a bundle, by package name. */
function bundledPackages(name: FunctionName): Map<string, Set<string>> {
  const packages = new Map<string, Set<string>>();
  for (const source of bundledSources(name)) {
    const match = source.match(/^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//);
    if (!match) continue;
    const [, copy = "", packageName = ""] = match;
    packages.set(packageName, (packages.get(packageName) ?? new Set()).add(copy));
  }
  return packages;
}

/** The parts of the SDK's default credential chain a Lambda never runs, and what they carry. */
const UNUSED_CREDENTIAL_CHAIN = [
  "@aws-sdk/credential-provider-node",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/nested-clients",
  "@smithy/credential-provider-imds",
];

describe.each(FUNCTIONS)("bundle of %s", (name) => {
  it("is one ES module under 2 MB with a source map and a working require for CommonJS dependencies", () => {
    const dir = assetDir(name);
    expect(existsSync(join(dir, "index.mjs"))).toBe(true);
    expect(existsSync(join(dir, "index.mjs.map"))).toBe(true);
    const code = readFileSync(join(dir, "index.mjs"), "utf8");
    expect(
      code.startsWith("import { createRequire } from 'module'; const require = createRequire(import.meta.url);"),
    ).toBe(true);
    // A cold start parses all of it (AWS SDK included): keep it well under Lambda's limits.
    expect(Buffer.byteLength(code)).toBeLessThan(2 * 1024 * 1024);
  });

  it("loads nothing at run time but Node built-ins: the AWS SDK is bundled too", () => {
    const code = readFileSync(join(assetDir(name), "index.mjs"), "utf8");
    expect(runtimeSpecifiers(code).filter((spec) => !providedAtRuntime(spec))).toEqual([]);
  });

  it("bundles exactly the AWS SDK clients the function uses", () => {
    expect(bundledClients(name)).toEqual(CLIENTS[name]);
  });

  it("takes credentials from the environment only (Lambda's), without the rest of the SDK's default chain", () => {
    const packages = bundledPackages(name);
    expect(packages.has("@aws-sdk/credential-provider-env")).toBe(true);
    expect(UNUSED_CREDENTIAL_CHAIN.filter((unused) => packages.has(unused))).toEqual([]);
    expect(bundledSources(name).some((source) => source.endsWith("shared/aws/lambda-credentials.ts"))).toBe(true);
  });

  it("holds one copy of each package (no second entities or Powertools commons) and no semver", () => {
    const duplicated = [...bundledPackages(name)].filter(([, copies]) => copies.size > 1).map(([pkg]) => pkg);
    expect(duplicated).toEqual([]);
    expect(bundledPackages(name).has("semver")).toBe(false);
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

  it("installs X-Ray's async hooks only when tracing is on (in Lambda), not locally or in tests", () => {
    const file = join(scratch, `${name}.mjs`);
    cpSync(join(assetDir(name), "index.mjs"), file);
    // Counts async_hooks.createHook calls (cls-hooked, which the X-Ray SDK loads, makes one) during the import.
    const script = `const hooks = (await import("node:async_hooks")).default; const create = hooks.createHook;
      let made = 0; hooks.createHook = (...args) => { made++; return create(...args); };
      await import(${JSON.stringify(file)}); console.log(made);`;
    const hooksMade = (env: Record<string, string>) =>
      Number(
        execFileSync(process.execPath, ["--input-type=module", "-e", script], {
          env: { PATH: process.env.PATH ?? "", NODE_NO_WARNINGS: "1", ...HANDLER_ENV, ...env },
          encoding: "utf8",
          timeout: 60_000,
        }).trim(),
      );
    expect(hooksMade({})).toBe(0);
    expect(
      hooksMade({ AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x", AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR" }),
    ).toBeGreaterThan(0);
  });
});

describe("the parse-page bundle", () => {
  it("stays under 1 MB, the cold-start budget (1.36 MB before the SDK was trimmed)", () => {
    expect(statSync(join(assetDir("parsePage"), "index.mjs")).size).toBeLessThan(1024 * 1024);
  });

  it("signs its AWS requests with the credentials Lambda puts in the environment, session token included", async () => {
    const requests: { url?: string; authorization?: string; token?: string | string[] }[] = [];
    // Stands in for S3: notes how each request is signed and refuses it, so the handler fails the message.
    const server = createServer((request, response) => {
      requests.push({
        url: request.url,
        authorization: request.headers.authorization,
        token: request.headers["x-amz-security-token"],
      });
      request.resume();
      response.writeHead(403, { "content-type": "application/xml" });
      response.end("<Error><Code>AccessDenied</Code><Message>bundling test</Message></Error>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const file = join(scratch, "parsePage-signing.mjs");
      cpSync(join(assetDir("parsePage"), "index.mjs"), file);
      const s3Event = {
        Records: [
          {
            eventName: "ObjectCreated:Put",
            eventTime: "2026-01-01T00:00:00.000Z",
            s3: { bucket: { name: "raw" }, object: { key: "raw/page.html", size: 100 } },
          },
        ],
      };
      const sqsEvent = {
        Records: [
          {
            messageId: "m-1",
            receiptHandle: "r-1",
            body: JSON.stringify(s3Event),
            attributes: {},
            messageAttributes: {},
            md5OfBody: "",
            eventSource: "aws:sqs",
            eventSourceARN: "arn:aws:sqs:ap-east-1:111122223333:page-events",
            awsRegion: "ap-east-1",
          },
        ],
      };
      const script = `const { handler } = await import(${JSON.stringify(file)});
        console.log(JSON.stringify(await handler(${JSON.stringify(sqsEvent)})));`;
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
        env: {
          PATH: process.env.PATH ?? "",
          NODE_NO_WARNINGS: "1",
          HOME: scratch,
          ...HANDLER_ENV,
          AWS_ENDPOINT_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          AWS_ACCESS_KEY_ID: "ASIABUNDLINGTEST",
          AWS_SECRET_ACCESS_KEY: "bundling-test-secret",
          AWS_SESSION_TOKEN: "bundling-test-session-token",
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({
        batchItemFailures: [{ itemIdentifier: "m-1" }],
      });
      expect(requests[0]?.url).toMatch(/^\/raw\/raw\/page\.html/);
      expect(requests[0]?.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=ASIABUNDLINGTEST\/\d{8}\/ap-east-1\/s3\/aws4_request,/,
      );
      expect(requests[0]?.token).toBe("bundling-test-session-token");
    } finally {
      server.close();
    }
  });
});

describe("the download bundle", () => {
  const has = (name: FunctionName, file: string) => bundledSources(name).some((source) => source.endsWith(file));

  it("holds the downloads and none of the pages' rendering, record reads or OpenAPI document", () => {
    expect(has("download", "shared/web/download-app.ts")).toBe(true);
    expect(has("download", "shared/web/export-rows.ts")).toBe(true);
    for (const file of [
      "shared/web/web-app.ts",
      "shared/web/meetings-page.ts",
      "shared/web/person-page.ts",
      "shared/web/month-chart.ts",
      "shared/storage/record-reader.ts",
      "functions/query-api/openapi.json",
    ])
      expect(has("download", file), file).toBe(false);
  });

  it("is left out of the pages' bundle, which holds the pages only", () => {
    expect(has("web", "shared/web/web-app.ts")).toBe(true);
    expect(has("web", "shared/web/download-app.ts")).toBe(false);
    expect(has("web", "shared/web/export-rows.ts")).toBe(false);
  });

  it(`stays under ${DOWNLOAD_BUNDLE_BUDGET_KB} kB, smaller than the pages' (which serve downloads no more)`, () => {
    const size = (name: FunctionName) => statSync(join(assetDir(name), "index.mjs")).size;
    expect(size("download")).toBeLessThan(DOWNLOAD_BUNDLE_BUDGET_KB * 1024);
    expect(size("download")).toBeLessThan(size("web"));
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
      const page = join(ROOT, "test/fixtures/pages/seed-003_e8e8e54d7c3c5c4e/page.txt");
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
