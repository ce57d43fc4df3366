import { InvalidArgumentError } from "commander";

/**
 * Option parsers that reject bad values as usage errors (exit status 2)
 * before the command does anything: `--concurrency abc` must not quietly
 * become NaN and upload nothing.
 */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    const number = Number(value);
    if (number < min || number > max) throw new InvalidArgumentError(`must be from ${min} to ${max}, got ${number}`);
    return number;
  };
}

export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of ${values.join(", ")}`);
    return value as T;
  };
}

/** A problem with how the command was called (exit status 2), found after option parsing. */
export class UsageError extends Error {
  override name = "UsageError";
}
