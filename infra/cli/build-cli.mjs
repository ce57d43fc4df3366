// Compiles the docket CLI once (npm's `prepare`, so `npm ci` runs it) into
// infra/cli/dist/: ESM with one chunk per command, loaded on demand, so
// `docket --help` parses no AWS SDK and no parser.
import { spawnSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { build } from "esbuild";

const outdir = new URL("./dist/", import.meta.url);

// Chunk names carry content hashes: without a clean outdir, every rebuild would leave the last one's chunks behind.
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { docket: new URL("./main.ts", import.meta.url).pathname },
  outdir: outdir.pathname,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // CommonJS dependencies inside an ESM bundle call require(): give them one.
  banner: {
    js: "import { createRequire as __docketRequire } from 'node:module'; const require = __docketRequire(import.meta.url);",
  },
  logLevel: "warning",
});

// `docket --help` is the same text on every run: render it once, here, so the bin prints it without
// loading commander (docket.mjs). Rendered by the build just made, so it cannot describe another one.
const help = spawnSync(process.execPath, [new URL("docket.mjs", outdir).pathname, "--help"], {
  encoding: "utf8",
  env: { ...process.env, COLUMNS: "80" },
});
if (help.status !== 0 || !help.stdout.includes("Usage: docket")) {
  throw new Error(`rendering docket --help failed (status ${help.status}): ${help.stderr}`);
}
await writeFile(new URL("help.txt", outdir), help.stdout);
