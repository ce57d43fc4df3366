import type { Command } from "commander";
import type { MeetingSummary } from "../../shared/storage/item-keys";
import { commandAction } from "./command-action";
import { meetingTable } from "./meeting-table";
import { resolveTarget } from "./pipeline-target";
import { getJson } from "./query-api-client";

interface QueryOptions {
  region?: string;
  type?: string;
  from?: string;
  to?: string;
  person?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
  stage?: string;
}

/** `docket query`: GET /meetings with the given filters, as a table (or the API's JSON with --json). */
export function registerQueryCommand(program: Command): void {
  program
    .command("query")
    .description("list meetings through the query API, newest first")
    .option("--region <region>", "region name or GB/T 2260 code, e.g. 钟楼区 or 320404")
    .option("--type <type>", "meeting type, e.g. government-executive")
    .option("--from <date>", "earliest meeting date, YYYY-MM-DD")
    .option("--to <date>", "latest meeting date, YYYY-MM-DD")
    .option("--person <name>", "meetings a person appears in")
    .option("--limit <n>", "items per page (1–100)")
    .option("--cursor <cursor>", "the next page, as printed by the previous query")
    .option("--json", "print the API's JSON answer")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("query", async (options: QueryOptions) => {
        const target = await resolveTarget({ stage: options.stage, withApiKey: true });
        const { stage: _stage, json, ...filters } = options;
        const page = await getJson<{ items: MeetingSummary[]; cursor: string | null }>(
          target.apiUrl,
          "/meetings",
          filters,
          target.apiKey,
        );
        if (json) {
          process.stdout.write(`${JSON.stringify(page)}\n`);
          return;
        }
        process.stdout.write(page.items.length > 0 ? `${meetingTable(page.items)}\n` : "no meetings match\n");
        if (page.cursor) process.stdout.write(`more: add --cursor ${page.cursor}\n`);
      }),
    );
}
