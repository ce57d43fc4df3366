#!/usr/bin/env node
// The `docket` bin: lets Node load the TypeScript CLI directly (no build step), then runs it.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
