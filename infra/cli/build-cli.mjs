// Compiles the docket CLI once (npm's `prepare`, so `npm ci` runs it) into
// infra/cli/dist/: ESM with one chunk per command, loaded on demand, so
// `docket --help` parses no AWS SDK and no parser.
import { build } from "esbuild";

await build({
  entryPoints: { docket: new URL("./main.ts", import.meta.url).pathname },
  outdir: new URL("./dist/", import.meta.url).pathname,
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
