import { runCli } from "./cli-program";

// The docket CLI's entry point (bundled by build-cli.mjs; see cli-program.ts).
await runCli(process.argv);
