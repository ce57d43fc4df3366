import { Command, CommanderError } from "commander";
import packageJson from "../../package.json";

/**
 * The docket CLI: a catalogue of commands, one file each, loaded only when
 * run, so `docket --help` reads no AWS SDK and no parser. Add a command
 * with one line here.
 */
type Register = (program: Command) => void;
const COMMANDS: Record<string, { description: string; load: () => Promise<Register> }> = {
  parse: {
    description: "parse local page files and print one JSON record (or error) per line",
    load: async () => (await import("./parse-command")).registerParseCommand,
  },
  upload: {
    description: "upload pages (files, or page files of directories, recursively) to the raw bucket as raw/<path>",
    load: async () => (await import("./upload-command")).registerUploadCommand,
  },
  query: {
    description: "list meetings through the query API, newest first",
    load: async () => (await import("./query-command")).registerQueryCommand,
  },
  export: {
    description: "write every meeting matching the filters as CSV or JSON Lines, page after page",
    load: async () => (await import("./export-command")).registerExportCommand,
  },
  show: {
    description: "print one meeting record",
    load: async () => (await import("./show-command")).registerShowCommand,
  },
  person: {
    description: "a person's posts over time and the meetings they appear in",
    load: async () => (await import("./person-command")).registerPersonCommand,
  },
  events: {
    description: "follow ingest notifications (record.created/updated/unchanged, page.rejected) as they arrive",
    load: async () => (await import("./events-command")).registerEventsCommand,
  },
  redrive: {
    description: "move dead-lettered messages back to their source queues (page-events and records)",
    load: async () => (await import("./redrive-command")).registerRedriveCommand,
  },
  reprocess: {
    description: "re-parse raw pages: enqueue an S3 ObjectCreated event for each object under the prefix",
    load: async () => (await import("./reprocess-command")).registerReprocessCommand,
  },
};

/** Exit status of a usage error (unknown command or option, bad option value), as Unix tools use. */
export const USAGE_EXIT = 2;

export async function runCli(argv: string[]): Promise<void> {
  const program = new Command("docket")
    .description("Docket: ingest and query Chinese local-government meeting pages")
    .version(packageJson.version, "-V, --version")
    .exitOverride();
  const chosen = argv.slice(2).find((arg) => !arg.startsWith("-"));
  const entry = chosen === undefined ? undefined : COMMANDS[chosen];
  if (chosen !== undefined && entry) {
    (await entry.load())(program);
    program.commands.at(-1)?.description(entry.description);
  } else {
    // Only the list is needed: help, --version, or an unknown command's error.
    for (const [name, { description }] of Object.entries(COMMANDS)) program.command(name).description(description);
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version exit 0; every other commander error is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT;
  }
}
