#!/usr/bin/env node
// The `docket` bin. Runs the CLI compiled at install (npm's `prepare` runs
// build-cli.mjs into ./dist), which starts in a fraction of a second; falls
// back to compiling the TypeScript on the fly (slow) when there is no build,
// or when DOCKET_CLI_FROM_SOURCE=1 asks for the sources being edited.
import { existsSync, readFileSync } from "node:fs";

// The SDK's notice that Node 20 stops receiving SDK updates in 2027 is in the README;
// repeating it on every command would bury the command's own output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const built = new URL("./dist/docket.mjs", import.meta.url);
const renderedHelp = new URL("./dist/help.txt", import.meta.url);
const [only, ...rest] = process.argv.slice(2);
const alone = rest.length === 0;

if (existsSync(built) && process.env.DOCKET_CLI_FROM_SOURCE !== "1") {
  // `--help` and `--version` alone load nothing else: the help was rendered by the build (build-cli.mjs).
  if (alone && (only === "--help" || only === "-h") && existsSync(renderedHelp)) {
    process.stdout.write(readFileSync(renderedHelp));
  } else if (alone && (only === "--version" || only === "-V")) {
    process.stdout.write(
      `${JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version}\n`,
    );
  } else {
    await import(built.href);
  }
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./main.ts");
}
