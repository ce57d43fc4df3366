import { deepStrictEqual } from "node:assert/strict";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  dynaliteParsers,
  expressionCache,
  installDynaliteExpressionCache,
  type ParseContext,
  type ParseFunction,
  type ParserName,
} from "../../../infra/local/dynalite-expression-cache";

/**
 * The cache in front of dynalite's expression parsers, checked against the parsers themselves
 * through dynalite's own validateExpressions: same trees (prototypes and all), same errors, same
 * unused-name and unused-value errors, whether the cache has learned the expression or not.
 */

type Values = Record<string, Record<string, unknown>>;
interface Request {
  UpdateExpression?: string;
  ConditionExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Values;
}
type Validated = Request & Record<`_${string}`, unknown>;

const require = createRequire(import.meta.url);
const { validateExpressions } = require("dynalite/validations") as {
  validateExpressions: (data: Validated) => string | undefined;
};
const parsers = dynaliteParsers();
const PARSER_NAMES = Object.keys(parsers) as ParserName[];
const parsesOf = () =>
  Object.fromEntries(PARSER_NAMES.map((name) => [name, parsers[name].parse])) as Record<ParserName, ParseFunction>;
const uncachedParse = parsesOf();

let installed: ReturnType<typeof installDynaliteExpressionCache>;
beforeAll(() => {
  installed = installDynaliteExpressionCache();
});
afterAll(() => installed.uninstall());

/** dynalite's validateExpressions on a copy of the request, with the parsers uncached or cached. */
function validate(request: Request, cached: boolean): { error: string | undefined; data: Validated } {
  const data = structuredClone(request) as Validated;
  if (cached) return { error: validateExpressions(data), data };
  const caching = parsesOf();
  const use = (parses: Record<ParserName, ParseFunction>) => {
    for (const name of PARSER_NAMES) parsers[name].parse = parses[name];
  };
  use(uncachedParse);
  try {
    return { error: validateExpressions(data), data };
  } finally {
    use(caching);
  }
}

const hits = () => PARSER_NAMES.reduce((sum, name) => sum + installed.caches[name].hits, 0);

interface Case {
  title: string;
  request: Request;
  /** ExpressionAttributeValues for successive requests; repeated types are cache hits. */
  values: (Values | undefined)[];
  /** Parsed every time: failed parses, and trees whose checks read a value's content. */
  neverHit?: true;
}

const S = (s: string) => ({ S: s });
const N = (n: string) => ({ N: n });

const cases: Case[] = [
  {
    title: "attribute_not_exists, no values",
    request: { ConditionExpression: "attribute_not_exists(pk)" },
    values: [undefined, undefined],
  },
  {
    title: "comparisons on nested paths with #names and list indexes, and size",
    request: {
      ConditionExpression: "objectVersion = :read AND #n.#m[2] < :n AND size(#l) >= :n AND #n.c[0][1] <> :read",
      ExpressionAttributeNames: { "#n": "stats", "#m": "counts", "#l": "list" },
    },
    values: [
      { ":read": S("v1"), ":n": N("3") },
      { ":read": S("v2"), ":n": N("40") },
      { ":read": N("7"), ":n": S("x") },
      { ":read": S("v3"), ":n": N("5") },
    ],
  },
  {
    title: "the store's update condition: AND, OR, NOT, begins_with",
    request: {
      ConditionExpression:
        "objectVersion = :read AND attribute_not_exists(indexPendingSince) AND pendingNotification = :owed AND " +
        "((begins_with(objectVersion, :uri) AND objectVersion < :ov) OR " +
        "(NOT begins_with(objectVersion, :uri) AND eventVersion < :ev))",
    },
    values: [
      { ":read": S("a#1"), ":owed": S("record.created"), ":uri": S("a#"), ":ov": S("a#2"), ":ev": S("e2") },
      { ":read": S("b#1"), ":owed": S("record.updated"), ":uri": S("b#"), ":ov": S("b#9"), ":ev": S("e9") },
      // begins_with on a number is refused, after trees for strings were learned.
      { ":read": S("c#1"), ":owed": S("record.updated"), ":uri": N("1"), ":ov": S("c#2"), ":ev": S("e3") },
      { ":read": S("d#1"), ":owed": S("record.updated"), ":uri": { B: "AQ==" }, ":ov": S("d#2"), ":ev": S("e4") },
    ],
  },
  {
    title: "IN and contains",
    request: {
      ConditionExpression: "#s IN (:a, :b, :c) AND contains(#tags, :t)",
      ExpressionAttributeNames: { "#s": "status", "#tags": "tags" },
    },
    values: [
      { ":a": S("x"), ":b": S("y"), ":c": N("1"), ":t": S("t") },
      { ":a": S("z"), ":b": S("w"), ":c": N("2"), ":t": S("u") },
    ],
  },
  {
    title: "size of a value: a string, then a number (refused)",
    request: { ConditionExpression: "size(:v) > :m" },
    values: [
      { ":v": S("abc"), ":m": N("1") },
      { ":v": S("abcd"), ":m": N("2") },
      { ":v": N("3"), ":m": N("1") },
    ],
  },
  {
    title: "BETWEEN: bounds in order, out of order, of two types",
    request: { ConditionExpression: "#d BETWEEN :lo AND :hi", ExpressionAttributeNames: { "#d": "sortDate" } },
    values: [
      { ":lo": S("2024-01"), ":hi": S("2024-12") },
      { ":lo": S("2024-12"), ":hi": S("2024-01") },
      { ":lo": S("2024-01"), ":hi": S("2024-12") },
      { ":lo": S("2024-01"), ":hi": N("2") },
    ],
    neverHit: true,
  },
  {
    title: "attribute_type: a valid type name, an invalid one, a number",
    request: { ConditionExpression: "attribute_type(#a, :t)", ExpressionAttributeNames: { "#a": "title" } },
    values: [{ ":t": S("N") }, { ":t": S("X") }, { ":t": S("S") }, { ":t": N("1") }],
    neverHit: true,
  },
  {
    title: "a key condition with a filter and a projection",
    request: {
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
      FilterExpression: "attribute_not_exists(#duplicateOf) AND #n > :min",
      ProjectionExpression: "#sortDate, #personTitles",
      ExpressionAttributeNames: {
        "#pk": "pk",
        "#sk": "sk",
        "#duplicateOf": "duplicateOf",
        "#n": "count",
        "#sortDate": "sortDate",
        "#personTitles": "personTitles",
      },
    },
    values: [
      { ":pk": S("PERSON#1"), ":prefix": S("2024"), ":min": N("0") },
      { ":pk": S("PERSON#2"), ":prefix": S("2025"), ":min": N("3") },
      { ":pk": S("PERSON#3"), ":prefix": N("2025"), ":min": N("3") },
    ],
  },
  {
    title: "a key condition with BETWEEN",
    request: {
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :a AND :b",
      ExpressionAttributeNames: { "#pk": "pk", "#sk": "sk" },
    },
    values: [
      { ":pk": S("P"), ":a": S("1"), ":b": S("2") },
      { ":pk": S("P"), ":a": S("3"), ":b": S("2") },
    ],
    neverHit: true,
  },
  {
    title: "an undefined :value, before and after the expression was learned with it defined",
    request: { ConditionExpression: "a = :x AND b = :missing" },
    values: [
      { ":x": S("1") },
      { ":x": S("1"), ":missing": S("2") },
      { ":x": S("3"), ":missing": S("4") },
      { ":x": S("5") },
    ],
  },
  {
    title: "an unused value (the parse succeeds, the request is refused)",
    request: { ConditionExpression: "a = :a" },
    values: [
      { ":a": S("1") },
      { ":a": S("2") },
      { ":a": S("1"), ":extra": N("1") },
      { ":a": S("2"), ":extra": N("2") },
    ],
  },
  {
    title: "an unused name",
    request: { ConditionExpression: "#a = :a", ExpressionAttributeNames: { "#a": "x", "#b": "y" } },
    values: [{ ":a": S("1") }, { ":a": S("2") }],
  },
  {
    title: "an undefined name",
    request: { ConditionExpression: "#a = :a AND #c = :a", ExpressionAttributeNames: { "#a": "x" } },
    values: [{ ":a": S("1") }, { ":a": S("2") }],
    neverHit: true,
  },
  {
    title: "names and values shared by the update and its condition",
    request: {
      UpdateExpression: "SET #released = :yes, #token = :token",
      ConditionExpression: "recordId = :me AND #token = :token AND #other = :me",
      ExpressionAttributeNames: { "#released": "released", "#token": "token", "#other": "other", "#unused": "u" },
    },
    values: [
      { ":yes": { BOOL: true }, ":token": S("t1"), ":me": S("r1") },
      { ":yes": { BOOL: false }, ":token": S("t2"), ":me": S("r2") },
    ],
  },
  {
    title: "redundant parentheses and a syntax error",
    request: { ConditionExpression: "((a = :a))", FilterExpression: "a = = :a" },
    values: [{ ":a": S("1") }, { ":a": S("2") }],
    neverHit: true,
  },
  {
    title: "SET with if_not_exists, arithmetic and list_append; REMOVE; ADD; DELETE",
    request: {
      UpdateExpression:
        "SET #a = :a, #b.c[0] = if_not_exists(#b.c[0], :zero) + :one, #l = list_append(#l, :items), " +
        "m = :one - :zero REMOVE #old, x[1] ADD #count :one DELETE #set :gone",
      ExpressionAttributeNames: {
        "#a": "title",
        "#b": "stats",
        "#l": "history",
        "#old": "legacy",
        "#count": "deliveries",
        "#set": "tags",
      },
    },
    values: [
      { ":a": S("t"), ":zero": N("0"), ":one": N("1"), ":items": { L: [S("x")] }, ":gone": { SS: ["a"] } },
      { ":a": N("2"), ":zero": N("0"), ":one": N("2"), ":items": { L: [] }, ":gone": { SS: ["b", "c"] } },
      { ":a": S("u"), ":zero": N("0"), ":one": N("1"), ":items": { L: [N("1")] }, ":gone": { SS: ["d"] } },
      // Each refused: + on a string, list_append of a string, ADD of a string, DELETE of a number.
      { ":a": S("u"), ":zero": N("0"), ":one": S("1"), ":items": { L: [] }, ":gone": { SS: ["d"] } },
      { ":a": S("u"), ":zero": N("0"), ":one": N("1"), ":items": S("x"), ":gone": { SS: ["d"] } },
      { ":a": S("u"), ":zero": N("0"), ":one": N("1"), ":items": { L: [] }, ":gone": N("1") },
    ],
  },
  {
    title: "ADD of a string, refused",
    request: { UpdateExpression: "ADD #count :n", ExpressionAttributeNames: { "#count": "c" } },
    values: [{ ":n": N("1") }, { ":n": S("1") }, { ":n": N("5") }],
  },
  {
    title: "overlapping update paths and a reserved word",
    request: { UpdateExpression: "SET a = :a, a.b = :b", ConditionExpression: "size = :a" },
    values: [
      { ":a": S("1"), ":b": S("2") },
      { ":a": S("1"), ":b": S("2") },
    ],
    neverHit: true,
  },
  {
    title: "a projection with nested paths and list indexes",
    request: {
      ProjectionExpression: "#sortDate, #personTitles, a.b[2], c",
      ExpressionAttributeNames: { "#sortDate": "sortDate", "#personTitles": "personTitles" },
    },
    values: [undefined, undefined],
  },
  {
    title: "an overlapping projection",
    request: { ProjectionExpression: "a, a.b" },
    values: [undefined, undefined],
    neverHit: true,
  },
];

describe("dynalite expressions through the cache", () => {
  for (const { title, request, values, neverHit } of cases) {
    it(`${title}: same trees and errors as dynalite's parsers`, () => {
      const hitsBefore = hits();
      for (const ExpressionAttributeValues of values) {
        const withValues = ExpressionAttributeValues ? { ...request, ExpressionAttributeValues } : request;
        const expected = validate(withValues, false);
        const actual = validate(withValues, true);
        expect(actual.error).toBe(expected.error);
        // deepStrictEqual: prototypes too (the parsers' maps are Object.create(null)).
        deepStrictEqual(actual.data, expected.data);
      }
      expect(hits() > hitsBefore).toBe(!neverHit);
    });
  }

  it("gives each ExpressionAttributeNames map its own tree, and refuses an empty name after a learned one", () => {
    const request = (names: Record<string, string>): Request => ({
      UpdateExpression: "SET #a = :a",
      ConditionExpression: "attribute_exists(#b.#a)",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ":a": S("1") },
    });
    const namesMaps: Record<string, string>[] = [
      { "#a": "x", "#b": "m" },
      { "#a": "y", "#b": "m" },
      { "#a": "x", "#b": "n" },
      { "#a": "x", "#b": "" },
      { "#a": "x", "#b": "m", "#c": "c" },
    ];
    for (const names of namesMaps) {
      const expected = validate(request(names), false);
      const actual = validate(request(names), true);
      expect(actual.error).toBe(expected.error);
      deepStrictEqual(actual.data, expected.data);
    }
  });

  it("puts each request's own value objects in the tree, and shares no container between requests", () => {
    const request: Request = {
      UpdateExpression: "SET #a = :a, b = list_append(:l, b)",
      ExpressionAttributeNames: { "#a": "title" },
    };
    const first = validate({ ...request, ExpressionAttributeValues: { ":a": S("1"), ":l": { L: [] } } }, true).data;
    const hitsBefore = installed.caches.updateParser.hits;
    const second = validate({ ...request, ExpressionAttributeValues: { ":a": S("2"), ":l": { L: [] } } }, true).data;
    expect(installed.caches.updateParser.hits).toBe(hitsBefore + 1);

    const updates = (data: Validated) =>
      data._updates as { sections: { path: unknown[]; val: { args?: unknown[] } }[]; paths: unknown[][] };
    const values = second.ExpressionAttributeValues as Values;
    expect(updates(second).sections[0]?.val).toBe(values[":a"]);
    expect(updates(second).sections[1]?.val.args?.[0]).toBe(values[":l"]);
    expect(updates(second).sections).not.toBe(updates(first).sections);
    expect(updates(second).sections[0]?.path).not.toBe(updates(first).sections[0]?.path);
    // As the parser builds it: each section's path is the same array as in `paths`.
    expect(updates(second).paths[0]).toBe(updates(second).sections[0]?.path);
  });

  it("leaves the same unused names and values, in the same order, when an earlier expression consumed some", () => {
    const expression = "SET #a = :a, #b = :b";
    const context = (): ParseContext => ({
      attrNames: { "#z": "z", "#a": "a", "#b": "b", "#y": "y" },
      attrVals: { ":z": S("z"), ":a": S("a"), ":b": N("1"), ":y": S("y") },
      // An earlier expression of the request consumed #b and :a.
      unusedAttrNames: { "#z": true, "#a": true, "#y": true },
      unusedAttrVals: { ":z": true, ":b": true, ":y": true },
      isReserved: () => false,
    });
    const cache = expressionCache(uncachedParse.updateParser);
    const expected = context();
    const expectedTree = uncachedParse.updateParser(expression, { context: expected });
    for (const _miss_then_hit of [1, 2]) {
      const actual = context();
      deepStrictEqual(cache.parse(expression, { context: actual }), expectedTree);
      expect(Object.keys(actual.unusedAttrNames ?? {})).toEqual(Object.keys(expected.unusedAttrNames ?? {}));
      expect(Object.keys(actual.unusedAttrVals ?? {})).toEqual(Object.keys(expected.unusedAttrVals ?? {}));
    }
    expect(cache).toMatchObject({ misses: 1, hits: 1 });
  });

  it("keeps at most maxEntries expressions, dropping the least recently used", () => {
    const cache = expressionCache(uncachedParse.projectionParser, { maxEntries: 2 });
    const parse = (expression: string) => cache.parse(expression, { context: { isReserved: () => false } });
    for (const expression of ["a", "b", "a", "c", "a", "b"]) parse(expression);
    // a, b: misses; a: hit; c: miss, drops b; a: hit; b: miss again.
    expect(cache).toMatchObject({ misses: 4, hits: 2 });
  });

  it("is installed once: installing again keeps the parsers it wraps", () => {
    const again = installDynaliteExpressionCache();
    expect(again.caches.conditionParser).toBe(installed.caches.conditionParser);
    again.uninstall();
    expect(parsers.conditionParser.parse).toBe(installed.caches.conditionParser.parse);
  });

  it("uninstalls once, and never takes out a wrapper installed over it", () => {
    installed.uninstall();
    const plain = parsers.projectionParser.parse;
    const wrapper: typeof plain = (input, options) => plain(input, options);
    parsers.projectionParser.parse = wrapper;
    try {
      const overWrapper = installDynaliteExpressionCache();
      overWrapper.uninstall();
      expect(parsers.projectionParser.parse).toBe(wrapper);
      overWrapper.uninstall();
      installed.uninstall();
      expect(parsers.projectionParser.parse).toBe(wrapper);
    } finally {
      parsers.projectionParser.parse = plain;
      installed = installDynaliteExpressionCache();
    }
  });

  it("keeps an expression that cannot be cached as recently used, so it is not parsed to learn again", () => {
    const original = vi.fn((input: string) => ({ type: "between", input }));
    const cache = expressionCache(original, { maxEntries: 2 });
    const parse = (expression: string) => cache.parse(expression, { context: {} });
    for (const expression of ["a", "b", "a", "c", "a"]) parse(expression);
    // a, b: learned uncacheable; a: bypassed, now most recent; c: learned, drops b; a: still known, bypassed.
    expect(cache).toMatchObject({ misses: 3, bypassed: 2, hits: 0 });
  });
});
