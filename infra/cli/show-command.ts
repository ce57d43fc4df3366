import type { Command } from "commander";
import { commandAction } from "./command-action";
import { resolveTarget } from "./pipeline-target";
import { getJson } from "./query-api-client";

/** `docket show ID`: one record, pretty-printed JSON (one line with --json). */
export function registerShowCommand(program: Command): void {
  program
    .command("show")
    .argument("<id>", "record id, rec_ and 20 hex digits")
    .option("--json", "one line of JSON (and errors as JSON)")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("show", async (id: string, options: { json?: boolean; stage?: string }) => {
        const target = await resolveTarget({ stage: options.stage, withApiKey: true });
        const record = await getJson<unknown>(target.apiUrl, `/meetings/${encodeURIComponent(id)}`, {}, target.apiKey);
        process.stdout.write(`${JSON.stringify(record, null, options.json ? undefined : 2)}\n`);
      }),
    );
}
