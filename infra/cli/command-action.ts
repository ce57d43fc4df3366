import { BadInputError } from "../../shared/errors";
import { UsageError } from "./cli-options";
import { ApiError } from "./query-api-client";

/**
 * Wraps a command's action: an error ends the command with its message on
 * stderr, as one JSON line under --json, and exit status 2 for a usage
 * error or 1 for a failure, never a stack trace (the CLI's errors are for
 * people: a missing pipeline, a bad flag, an unreachable stack).
 */
export function commandAction<A extends unknown[]>(
  name: string,
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      const json = args.some(
        (arg) => typeof arg === "object" && arg !== null && (arg as { json?: unknown }).json === true,
      );
      process.stderr.write(formatError(name, error, json));
      process.exitCode = isUsageError(error) ? 2 : 1;
    }
  };
}

/** A problem with how the command was called: a bad flag, or input the command was handed (a bad manifest). */
function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof BadInputError;
}

export function formatError(name: string, error: unknown, json: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!json) return `docket ${name}: ${message}\n`;
  const code = error instanceof ApiError ? error.code : isUsageError(error) ? "usage" : "failed";
  const parameter = error instanceof ApiError && error.parameter ? { parameter: error.parameter } : {};
  return `${JSON.stringify({ error: { command: name, code, message, ...parameter } })}\n`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
