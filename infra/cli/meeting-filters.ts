import type { Command } from "commander";
import { LIMIT } from "../../shared/query/query-parameters";
import { recordKinds } from "../../shared/record/record-schema";
import { oneOf, wholeNumber } from "./cli-options";

/** The GET /meetings filters, shared by `query` and `export`; names are the API's. */
export interface MeetingFilterOptions {
  region?: string;
  type?: string;
  kind?: string;
  from?: string;
  to?: string;
  person?: string;
}

export function addMeetingFilters(command: Command): Command {
  return command
    .option("--region <region>", "region name or GB/T 2260 code, e.g. 钟楼区 or 320404")
    .option("--type <type>", "meeting type, e.g. government-executive")
    .option("--kind <kind>", `page kind: ${recordKinds.join(", ")} (default: minutes and news)`, oneOf(recordKinds))
    .option("--from <date>", "earliest meeting date, YYYY-MM-DD")
    .option("--to <date>", "latest meeting date, YYYY-MM-DD")
    .option("--person <name>", "meetings a person appears in");
}

export const limitOption = wholeNumber(LIMIT.min, LIMIT.max);

/** The filters as query parameters: only those given. */
export function filterParameters(options: MeetingFilterOptions): Record<string, string | undefined> {
  const { region, type, kind, from, to, person } = options;
  return { region, type, kind, from, to, person };
}
