import type { RecordKind } from "../record/record-schema";
import type { ListKinds } from "../storage/item-keys";
import type { ResolvedRegion } from "./resolve-region";
import { LEVEL_PREFIX_LENGTH } from "./resolve-region";

/**
 * DynamoDB expressions over the index items of item-keys.ts. Dates are a
 * range on sk (`<sortDate>#<id>[#role]`): `to` is made inclusive by the
 * upper bound `<to>~`, since `~` sorts after the `#` that follows the date.
 */

export interface DateRange {
  from?: string;
  to?: string;
}

/** Which kinds a list shows: one kind, or a list partition's class (meetings: minutes and news). */
export type KindFilter = { kind: RecordKind } | { kinds: ListKinds };

/** Filters applied to the summary an index item carries. */
export interface SummaryFilter {
  type?: string;
  region?: ResolvedRegion;
  kind?: KindFilter;
  /** leave out records whose bytes repeat another record's (item-keys.ts: duplicateOf) */
  hideDuplicates?: boolean;
}

export interface Expression {
  expression: string;
  names: Record<string, string>;
  values: Record<string, string>;
}

/**
 * Lower bound when only `to` is given: the earliest valid date, so undated
 * items (sortDate 0000-00-00) stay out of any date-filtered answer.
 */
const FIRST_DATE = "0001-01-01";

export function keyCondition(pk: string, dates: DateRange): Expression {
  const names = { "#pk": "pk", "#sk": "sk" };
  const { from, to } = dates;
  if (from === undefined && to === undefined)
    return { expression: "#pk = :pk", names: { "#pk": "pk" }, values: { ":pk": pk } };
  if (to === undefined)
    return { expression: "#pk = :pk AND #sk >= :from", names, values: { ":pk": pk, ":from": from ?? FIRST_DATE } };
  return {
    expression: "#pk = :pk AND #sk BETWEEN :from AND :to",
    names,
    values: { ":pk": pk, ":from": from ?? FIRST_DATE, ":to": `${to}~` },
  };
}

/**
 * The summary holds the record's own (usually county) code, so a city or
 * province filter compares the code's prefix at that level (GB/T 2260:
 * province 2 digits, city 4), and a county filter compares the whole code.
 */
export function summaryFilter(filter: SummaryFilter): Expression | undefined {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (filter.type !== undefined) {
    clauses.push("#meetingType = :type");
    names["#meetingType"] = "meetingType";
    values[":type"] = filter.type;
  }
  if (filter.region !== undefined) {
    names["#regionCode"] = "regionCode";
    if (filter.region.level === "county") {
      clauses.push("#regionCode = :region");
      values[":region"] = filter.region.code;
    } else {
      clauses.push("begins_with(#regionCode, :region)");
      values[":region"] = filter.region.code.slice(0, LEVEL_PREFIX_LENGTH[filter.region.level]);
    }
  }
  if (filter.kind !== undefined) {
    names["#kind"] = "kind";
    if ("kind" in filter.kind) {
      clauses.push("#kind = :kind");
      values[":kind"] = filter.kind.kind;
    } else {
      clauses.push(filter.kind.kinds === "other" ? "#kind = :other" : "#kind <> :other");
      values[":other"] = "other";
    }
  }
  if (filter.hideDuplicates) {
    clauses.push("attribute_not_exists(#duplicateOf)");
    names["#duplicateOf"] = "duplicateOf";
  }
  return clauses.length === 0 ? undefined : { expression: clauses.join(" AND "), names, values };
}

/**
 * Whether a filter may discard most items it examines (so a Query should
 * examine many), rather than the rare duplicate or the odd kind "other"
 * record among meetings.
 */
export function isSelective(filter: SummaryFilter): boolean {
  const narrowKind = filter.kind !== undefined && !("kinds" in filter.kind && filter.kind.kinds === "meetings");
  return filter.type !== undefined || filter.region !== undefined || narrowKind;
}
