#!/usr/bin/env node
// The `docket` bin: lets Node load the TypeScript CLI directly (no build step), then runs it.
import { register } from "tsx/esm/api";

// The SDK's notice that Node 20 stops receiving SDK updates in 2027 is in the README;
// repeating it on every command would bury the command's own output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
await import("./main.ts");
