import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";

const TYPES = new Set(["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"]);

/** An item in either form the SDK hands over (marshalled or plain), as AttributeValues. */
export function asAttributeValues(item: Record<string, unknown>): Record<string, AttributeValue> {
  const marshalled = Object.values(item).every(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      Object.keys(value).length === 1 &&
      TYPES.has(Object.keys(value)[0] ?? ""),
  );
  return marshalled ? (item as Record<string, AttributeValue>) : marshall(item, { removeUndefinedValues: true });
}

/**
 * An item's size as DynamoDB bills it (developer guide, "Item sizes"):
 * attribute names and strings in UTF-8 bytes, binary in bytes, numbers
 * about one byte per two digits plus one, lists and maps 3 bytes plus one
 * per element. dynalite counts string characters instead, which undercounts
 * Chinese text threefold, so the bench bills writes with this.
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[^0-9]/g, "").length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined) return 3 + Object.values(value.M).length + itemBytes(value.M);
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  return 0;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Write units of one item write: 1 per KB, rounded up, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}
