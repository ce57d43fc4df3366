import type { APIGatewayProxyEvent } from "aws-lambda";
import { BadParameterError } from "../errors";

/** The page size bounds every list route shares. */
export const LIMIT = { default: 20, min: 1, max: 100 } as const;

/**
 * Longest value a query parameter may have, checked before anything reads it:
 * names and regions are far shorter, a cursor is ~200 characters. A longer
 * value is a 400, so no normaliser ever sees an unbounded input.
 */
export const MAX_PARAMETER_LENGTH = { default: 256, cursor: 2048 } as const;

/**
 * The query string as single values, checked against the names the route
 * accepts. A misspelt filter (`?regoin=…`) silently ignored would return
 * every meeting, so unknown names are a 400, as are repeats (which value
 * did the caller mean?) and empty values (`?type=` is a caller bug, not "any").
 */
export function readQueryParameters(
  event: Pick<APIGatewayProxyEvent, "queryStringParameters" | "multiValueQueryStringParameters">,
  accepted: readonly string[],
): Map<string, string> {
  const multi = event.multiValueQueryStringParameters ?? {};
  const single = event.queryStringParameters ?? {};
  const names = [...new Set([...Object.keys(multi), ...Object.keys(single)])];

  const unknown = names.filter((name) => !accepted.includes(name));
  const [firstUnknown] = unknown;
  if (firstUnknown !== undefined) {
    const list = accepted.length > 0 ? `accepted: ${accepted.join(", ")}` : "this route takes no query parameters";
    throw new BadParameterError(
      firstUnknown,
      `unknown query parameter${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (${list})`,
    );
  }

  const parameters = new Map<string, string>();
  for (const name of names) {
    const values = multi[name] ?? [];
    if (values.length > 1) throw new BadParameterError(name, "given more than once");
    const value = values[0] ?? single[name];
    const max = name === "cursor" ? MAX_PARAMETER_LENGTH.cursor : MAX_PARAMETER_LENGTH.default;
    if (value !== undefined && value !== null && value.length > max) {
      throw new BadParameterError(name, `must be at most ${max} characters, got ${value.length}`);
    }
    if (value === undefined || value === null || value.trim() === "") {
      throw new BadParameterError(name, "must not be empty");
    }
    parameters.set(name, value.trim());
  }
  return parameters;
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return LIMIT.default;
  if (!/^\d{1,4}$/.test(value))
    throw new BadParameterError("limit", `must be a whole number from ${LIMIT.min} to ${LIMIT.max}`);
  const limit = Number(value);
  if (limit < LIMIT.min || limit > LIMIT.max) {
    throw new BadParameterError("limit", `must be from ${LIMIT.min} to ${LIMIT.max}, got ${limit}`);
  }
  return limit;
}
