import { BadParameterError } from "../errors";
import { type MeetingType, meetingTypes, type RecordKind, recordKinds } from "../record/record-schema";
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
  /** "meetings" (kind minutes and news) unless a kind is asked for */
  kind: "meetings" | RecordKind;
  /** list records whose raw bytes repeat an earlier record's too */
  includeDuplicates: boolean;
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

function parseKind(value: string | undefined): MeetingQuery["kind"] {
  if (value === undefined) return "meetings";
  if (!(recordKinds as readonly string[]).includes(value))
    throw new BadParameterError("kind", `must be one of ${recordKinds.join(", ")}; got "${value}"`);
  return value as RecordKind;
}

function parseBoolean(parameter: string, value: string | undefined): boolean {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  throw new BadParameterError(parameter, `must be true or false; got "${value}"`);
}

/** Checks every GET /meetings parameter; the first bad one is a BadParameterError naming it. */
export function parseMeetingQuery(parameters: ReadonlyMap<string, string>): MeetingQuery {
  const query: MeetingQuery = {
    limit: parseLimit(parameters.get("limit")),
    kind: parseKind(parameters.get("kind")),
    includeDuplicates: parseBoolean("includeDuplicates", parameters.get("includeDuplicates")),
  };

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
