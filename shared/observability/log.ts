/** The slice of the Powertools Logger that services use, so tests can pass a silent or spying one. */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
  /** adds keys to every later log line of this logger */
  appendKeys(attributes: Record<string, unknown>): void;
  /**
   * A logger with this one's keys and Lambda context whose own keys stay its
   * own: one per message handled side by side, so their keys never mix.
   */
  createChild(): Log;
}
