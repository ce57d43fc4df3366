import type { Writable } from "node:stream";
import type { Command } from "commander";
import { type ExportFormat, exportChunks, type ListPage } from "../../shared/web/export-rows";
import { oneOf } from "./cli-options";
import { commandAction } from "./command-action";
import { addMeetingFilters, filterParameters, type MeetingFilterOptions } from "./meeting-filters";
import { resolveTarget } from "./pipeline-target";
import { getJson } from "./query-api-client";

interface ExportOptions extends MeetingFilterOptions {
  format: ExportFormat;
  stage?: string;
  json?: boolean;
}

/**
 * Writes every meeting of a filter, page after page through the API's
 * cursor, to `out` as it arrives: memory stays one page whatever the size.
 * Returns the number of meetings written.
 */
export async function exportMeetings(
  fetchPage: (cursor?: string) => Promise<ListPage>,
  format: ExportFormat,
  out: Writable,
  onPage: (written: number) => void = () => {},
): Promise<number> {
  let written = 0;
  const counted = async (cursor?: string) => {
    const page = await fetchPage(cursor);
    written += page.items.length;
    return page;
  };
  for await (const chunk of exportChunks(format, await counted(), counted)) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
    onPage(written);
  }
  return written;
}

/** `docket export`: the whole filtered list as CSV (UTF-8 with BOM, for Excel) or JSON Lines on stdout. */
export function registerExportCommand(program: Command): void {
  addMeetingFilters(program.command("export"))
    .option("--format <format>", "csv or jsonl", oneOf(["csv", "jsonl"] as const), "csv")
    .option("--json", "errors as JSON")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("export", async (options: ExportOptions) => {
        const target = await resolveTarget({ stage: options.stage, withApiKey: true });
        const fetchPage = (cursor?: string) =>
          getJson<ListPage>(
            target.apiUrl,
            "/meetings",
            { ...filterParameters(options), limit: "100", cursor },
            target.apiKey,
          );
        const written = await exportMeetings(fetchPage, options.format, process.stdout, (n) => {
          if (process.stderr.isTTY) process.stderr.write(`\rexported ${n} meetings`);
        });
        process.stderr.write(`${process.stderr.isTTY ? "\r" : ""}exported ${written} meetings\n`);
      }),
    );
}
