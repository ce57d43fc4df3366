import { BadParameterError } from "../errors";
import { type MeetingType, meetingTypes } from "../record/record-schema";
import { isCalendarDate } from "./calendar-date";
import { parsePersonName } from "./normalise-name";
import { parseLimit } from "./query-parameters";
import { type ResolvedRegion, resolveRegion } from "./resolve-region";

export interface MeetingQuery {
  region?: ResolvedRegion;
  type?: MeetingType;
  /** inclusive ISO dates on the meeting date (else the published date) */
  from?: string;
  to?: string;
  /** normalised name */
  person?: string;
  limit: number;
  cursor?: string;
}

function isMeetingType(value: string): value is MeetingType {
  return (meetingTypes as readonly string[]).includes(value);
}

function parseDate(parameter: "from" | "to", value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value))
    throw new BadParameterError(parameter, `must be a calendar date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** Checks every GET /meetings parameter; the first bad one is a BadParameterError naming it. */
export function parseMeetingQuery(parameters: ReadonlyMap<string, string>): MeetingQuery {
  const query: MeetingQuery = { limit: parseLimit(parameters.get("limit")) };

  const region = parameters.get("region");
  if (region !== undefined) query.region = resolveRegion(region);

  const type = parameters.get("type");
  if (type !== undefined) {
    if (!isMeetingType(type))
      throw new BadParameterError("type", `must be one of ${meetingTypes.join(", ")}; got "${type}"`);
    query.type = type;
  }

  const from = parseDate("from", parameters.get("from"));
  const to = parseDate("to", parameters.get("to"));
  if (from !== undefined && to !== undefined && from > to) {
    throw new BadParameterError("from", `must not be after to (${from} > ${to})`);
  }
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;

  const person = parameters.get("person");
  if (person !== undefined) query.person = parsePersonName(person, "person");

  const cursor = parameters.get("cursor");
  if (cursor !== undefined) query.cursor = cursor;
  return query;
}
