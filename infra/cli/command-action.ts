/**
 * Wraps a command's action: an error ends the command with its message on
 * stderr and exit status 1, not a stack trace (the CLI's errors are for
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
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`docket ${name}: ${message}\n`);
      process.exitCode = 1;
    }
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
