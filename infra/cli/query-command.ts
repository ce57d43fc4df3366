import type { Command } from "commander";
import type { MeetingSummary } from "../../shared/storage/item-keys";
import { commandAction } from "./command-action";
import { addMeetingFilters, filterParameters, limitOption, type MeetingFilterOptions } from "./meeting-filters";
import { meetingTable } from "./meeting-table";
import { resolveTarget } from "./pipeline-target";
import { getJson } from "./query-api-client";

interface QueryOptions extends MeetingFilterOptions {
  limit?: number;
  cursor?: string;
  json?: boolean;
  stage?: string;
}

/**
 * `docket query`: GET /meetings with the given filters, as a table (or the
 * API's JSON with --json) on stdout; the next-page hint goes to stderr so
 * piped output stays data.
 */
export function registerQueryCommand(program: Command): void {
  addMeetingFilters(program.command("query"))
    .option("--limit <n>", "items per page (1–100)", limitOption)
    .option("--cursor <cursor>", "the next page, as printed by the previous query")
    .option("--json", "print the API's JSON answer")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("query", async (options: QueryOptions) => {
        const target = await resolveTarget({ stage: options.stage, withApiKey: true });
        const page = await getJson<{ items: MeetingSummary[]; cursor: string | null }>(
          target.apiUrl,
          "/meetings",
          { ...filterParameters(options), limit: options.limit?.toString(), cursor: options.cursor },
          target.apiKey,
        );
        if (options.json) {
          process.stdout.write(`${JSON.stringify(page)}\n`);
          return;
        }
        if (page.items.length > 0) process.stdout.write(`${meetingTable(page.items)}\n`);
        else process.stderr.write("no meetings match\n");
        if (page.cursor) process.stderr.write(`more: add --cursor ${page.cursor}\n`);
      }),
    );
}
