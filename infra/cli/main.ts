import { Command } from "commander";
import { registerEventsCommand } from "./events-command";
import { registerParseCommand } from "./parse-command";
import { registerQueryCommand } from "./query-command";
import { registerRedriveCommand } from "./redrive-command";
import { registerReprocessCommand } from "./reprocess-command";
import { registerUploadCommand } from "./upload-command";

// The docket CLI: a registry of commands, one file each. Add a command with one line here.
const program = new Command("docket").description("Docket: ingest and query Chinese local-government meeting pages");

registerParseCommand(program);
registerUploadCommand(program);
registerQueryCommand(program);
registerEventsCommand(program);
registerRedriveCommand(program);
registerReprocessCommand(program);

await program.parseAsync(process.argv);
