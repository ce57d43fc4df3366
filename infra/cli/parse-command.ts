import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import type { Command } from "commander";
import { parsePage } from "../../shared/parse/parse-page";

/**
 * `docket parse FILE...`: parses local pages exactly as the parser Lambda
 * would and prints one JSON line per file, in the order given — the record,
 * or {"file", "error": {"code", "message"}} when the file cannot be read or
 * the page is rejected. Every file runs; the exit status is 1 if any failed.
 */

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".shtml": "text/html",
  ".txt": "text/plain",
};

export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .argument("<files...>", "HTML or text pages")
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        const line = await parseFile(file);
        if ("error" in line) failed = true;
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      if (failed) process.exitCode = 1;
    });
}

type ParseLine = object | { file: string; error: { code: string; message: string } };

async function parseFile(file: string): Promise<ParseLine> {
  const path = resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, error: { code: "unreadable", message } };
  }
  const outcome = parsePage(bytes, { uri: `file://${path}`, contentType: CONTENT_TYPES[extname(path).toLowerCase()] });
  return outcome.ok ? outcome.record : { file, error: outcome.rejection };
}
