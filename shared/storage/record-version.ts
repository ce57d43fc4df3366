import type { PageVersion } from "../events/record-message";

/**
 * Version ordering for record writes, as two lexicographically comparable
 * strings stored on the record item:
 *
 *   objectVersion  <hex(uri)>#<sequencer>#<parserVersion>#<sha256>
 *   eventVersion   <eventTime>#<hex(uri)>#<sequencer>#<parserVersion>#<sha256>
 *
 * - Same object key (same uri): the S3 sequencer decides, as S3 documents;
 *   eventTime is ignored, so a replay with a fresh eventTime is not "newer".
 *   Then a newer parserVersion of the same object version wins (re-parse
 *   after a parser upgrade). objectVersion starts with the uri, so
 *   `begins_with(objectVersion, <hex(uri)>#)` tells "same object" inside a
 *   ConditionExpression.
 * - Different keys mapping to one record id: eventTime, then uri.
 * - sha256 last: a deterministic tie-break that can only matter for
 *   hand-made events repeating a sequencer with other bytes.
 *
 * Fixed-width fields make string order equal field order: sequencers are
 * upper-case hex right-padded with zeros to 64 digits (S3: "the sequencers
 * can be of different lengths … right pad the shorter value with zeros,
 * then do a lexicographical comparison"), eventTime is ISO with
 * milliseconds, parser version parts are zero-padded numbers. The uri is hex
 * encoded so that `#` (below every hex digit) ends it: a uri that is a prefix
 * of another sorts first, as in byte order.
 *
 * Items written before the right padding hold left-padded strings: the
 * order is always decided on versionStrings(stored.version), the raw fields
 * every record item keeps, never on the stored strings. The conditional
 * writes still compare against the stored strings; for one key a
 * right-padded incoming sequencer sorts above a left-padded stored one (whose
 * zeros come first), so a version decided newer passes its condition.
 */
export interface VersionStrings {
  objectVersion: string;
  eventVersion: string;
}

export type VersionOrder = "newer" | "same" | "older";

const SEQUENCER_WIDTH = 64;
const PARSER_PART_WIDTH = 6;

export function versionStrings(
  version: Pick<PageVersion, "uri" | "sequencer" | "eventTime" | "parserVersion" | "sha256">,
): VersionStrings {
  const tail = `${paddedSequencer(version.sequencer)}#${comparableParserVersion(version.parserVersion)}#${version.sha256}`;
  const uri = uriPrefix(version.uri);
  return { objectVersion: `${uri}${tail}`, eventVersion: `${version.eventTime}#${uri}${tail}` };
}

/** `<hex(uri)>#`: the objectVersion prefix shared by every version of one object. */
export function uriPrefix(uri: string): string {
  return `${Buffer.from(uri, "utf8").toString("hex")}#`;
}

/** How an incoming version relates to the stored one. */
export function compareVersions(stored: VersionStrings, incoming: VersionStrings): VersionOrder {
  const sameObject = sameUri(stored.objectVersion, incoming.objectVersion);
  const [a, b] = sameObject
    ? [stored.objectVersion, incoming.objectVersion]
    : [stored.eventVersion, incoming.eventVersion];
  if (a === b) return "same";
  return b > a ? "newer" : "older";
}

function sameUri(a: string, b: string): boolean {
  return a.slice(0, a.indexOf("#") + 1) === b.slice(0, b.indexOf("#") + 1);
}

export function paddedSequencer(sequencer: string | null | undefined): string {
  return (sequencer ?? "").toUpperCase().padEnd(SEQUENCER_WIDTH, "0");
}

/** "1.10.0" → "000001.000010.000000", so 1.10.0 sorts after 1.9.0; non-numeric parts stay as they are. */
export function comparableParserVersion(version: string): string {
  return version
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? part.padStart(PARSER_PART_WIDTH, "0") : part))
    .join(".");
}
