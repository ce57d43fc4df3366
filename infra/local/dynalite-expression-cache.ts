/**
 * A cache in front of dynalite's expression parsers (PEG.js: db/conditionParser.js,
 * updateParser.js, projectionParser.js). The pipeline sends the same few expressions thousands
 * of times with different values, and parsing them was about a quarter of the emulator thread's
 * work. A repeat costs a key, a copy of the learned tree and a few deletes instead.
 *
 * Same behaviour as the parsers, because what a parse depends on is all in the key:
 * - the parser (one cache each), the expression, context.isKeyCondition;
 * - every ExpressionAttributeNames entry (the parsers resolve names to these strings);
 * - every ExpressionAttributeValues entry's name and top-level type (S, N, L...): the parsers
 *   look a value up by name, put the object itself in the tree, and check only its type
 *   (begins_with, size, list_append, arithmetic, ADD, DELETE, the attrType they record).
 * Two checks read a value's content: BETWEEN compares its bounds and attribute_type reads its
 * S. Trees holding either are never cached. Values of any other shape (no single type key, or
 * not an object) and names that are not strings skip the cache. Failed parses (an error
 * string, or a thrown SyntaxError) are never cached, so every error comes from the parser.
 *
 * From a parse that missed, the cache learns the tree with each value object replaced by a slot
 * for its name, and the names and values the parse consumed (deleted from
 * context.unusedAttrNames / unusedAttrVals). A hit builds fresh containers with the request's
 * own value objects in the slots (nothing shared between requests, aliasing inside a tree kept,
 * prototypes kept) and deletes the same keys from the request's unused sets.
 */
import { createRequire } from "node:module";

/** What the parsers read from (and delete from) the context validations/index.js passes. */
export interface ParseContext {
  attrNames?: Record<string, unknown>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames?: Record<string, unknown>;
  unusedAttrVals?: Record<string, unknown>;
  isKeyCondition?: boolean;
  [other: string]: unknown;
}

export type ParseFunction = (input: string, options?: { context?: ParseContext }) => unknown;

/** A parser module as required by CommonJS: its `parse` is looked up on every call. */
interface ParserModule {
  parse: ParseFunction;
}

export interface ExpressionCacheStats {
  hits: number;
  misses: number;
  /** Calls that went to the parser untouched: uncacheable key, value shape or tree. */
  bypassed: number;
}

export interface ExpressionCache extends ExpressionCacheStats {
  parse: ParseFunction;
}

const PARSERS = ["conditionParser", "updateParser", "projectionParser"] as const;
export type ParserName = (typeof PARSERS)[number];

/** The top-level type keys the parsers look for (their getImmediateType). */
const VALUE_TYPES = new Set(["S", "N", "B", "NULL", "BOOL", "SS", "NS", "BS", "L", "M"]);

const DEFAULT_MAX_ENTRIES = 500;

/** Where a request's value goes in a learned tree. */
class Slot {
  constructor(readonly name: string) {}
}

interface Entry {
  template: unknown;
  consumedNames: string[];
  consumedVals: string[];
}

/** Learned: this key's successful trees depend on value content (BETWEEN, attribute_type). */
const UNCACHEABLE = Symbol("uncacheable");

/**
 * The parser modules dynalite's validations require (same CommonJS instances: resolved from
 * dynalite's own location), so replacing their `parse` intercepts every expression dynalite
 * parses in this thread.
 */
export function dynaliteParsers(): Record<ParserName, ParserModule> {
  const requireHere = createRequire(import.meta.url);
  const requireFromDynalite = createRequire(requireHere.resolve("dynalite"));
  return Object.fromEntries(PARSERS.map((name) => [name, requireFromDynalite(`./db/${name}`)])) as Record<
    ParserName,
    ParserModule
  >;
}

/**
 * Puts a cache in front of each of dynalite's parsers; `uninstall` restores them. Installing
 * twice is a no-op (the second call gets the first's caches).
 */
export function installDynaliteExpressionCache(options: { maxEntries?: number } = {}): {
  caches: Record<ParserName, ExpressionCache>;
  uninstall: () => void;
} {
  const parsers = dynaliteParsers();
  const caches = {} as Record<ParserName, ExpressionCache>;
  const originals = new Map<ParserName, ParseFunction>();
  for (const name of PARSERS) {
    const module = parsers[name];
    const installed = INSTALLED.get(module.parse);
    if (installed) {
      caches[name] = installed;
      continue;
    }
    const cache = expressionCache(module.parse, options);
    INSTALLED.set(cache.parse, cache);
    originals.set(name, module.parse);
    module.parse = cache.parse;
    caches[name] = cache;
  }
  return {
    caches,
    uninstall: () => {
      // Only the caches this call installed, and only while they are still in place: once, and never
      // taking out a cache or wrapper installed over them since.
      for (const [name, original] of originals) {
        if (parsers[name].parse !== caches[name].parse) continue;
        INSTALLED.delete(parsers[name].parse);
        parsers[name].parse = original;
      }
      originals.clear();
    },
  };
}

/** Caches by the parse function they installed. */
const INSTALLED = new WeakMap<ParseFunction, ExpressionCache>();

/** A caching `parse` in front of one parser's. */
export function expressionCache(
  original: ParseFunction,
  { maxEntries = DEFAULT_MAX_ENTRIES }: { maxEntries?: number } = {},
): ExpressionCache {
  const entries = new Map<string, Entry | typeof UNCACHEABLE>();
  const bypass: ParseFunction = (input, options) => {
    cache.bypassed++;
    return original(input, options);
  };
  const cache: ExpressionCache = {
    hits: 0,
    misses: 0,
    bypassed: 0,
    parse(input, options) {
      const context = options?.context;
      // Other options (startRule) are not in the key; dynalite passes none.
      if (!context || typeof input !== "string" || Object.keys(options).length !== 1) return bypass(input, options);
      const key = keyOf(input, context);
      const entry = key === undefined ? UNCACHEABLE : entries.get(key);
      if (key === undefined) return bypass(input, options);
      if (entry === UNCACHEABLE) {
        // Kept as recently used too, so a busy expression that cannot be cached is not learned again.
        entries.delete(key);
        entries.set(key, UNCACHEABLE);
        return bypass(input, options);
      }
      if (entry) {
        cache.hits++;
        // Most recently used last: the oldest is the first to go.
        entries.delete(key);
        entries.set(key, entry);
        return replay(entry, context);
      }
      cache.misses++;
      const learned = learn(original, input, context);
      if (learned.entry !== undefined) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.set(key, learned.entry);
      }
      return learned.result;
    },
  };
  return cache;
}

/** Everything a parse reads, or undefined when something in it cannot be keyed. */
function keyOf(input: string, context: ParseContext): string | undefined {
  const parts: unknown[] = [context.isKeyCondition === true, input];
  const names = context.attrNames;
  if (names != null) {
    if (typeof names !== "object") return undefined;
    for (const name in names) {
      const value = names[name];
      if (typeof value !== "string") return undefined;
      parts.push(name, value);
    }
  }
  parts.push(":");
  const values = context.attrVals;
  if (values != null) {
    if (typeof values !== "object") return undefined;
    for (const name in values) {
      const type = typeOf(values[name]);
      if (type === undefined) return undefined;
      parts.push(name, type);
    }
  }
  return JSON.stringify(parts);
}

/** A value's one type key, as the parsers see it; undefined for anything else. */
function typeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const type = keys[0];
  if (keys.length !== 1 || type === undefined || !VALUE_TYPES.has(type)) return undefined;
  return (value as Record<string, unknown>)[type] == null ? undefined : type;
}

/**
 * Parses with unused sets of its own (every name and value, so each one the parse consumes
 * shows, even if an earlier expression of the request consumed it already), applies the
 * deletions to the request's sets, and learns the tree if it can be cached.
 */
function learn(
  original: ParseFunction,
  input: string,
  context: ParseContext,
): { result: unknown; entry?: Entry | typeof UNCACHEABLE } {
  const names = context.attrNames ?? {};
  const values = context.attrVals ?? {};
  const unusedNames = Object.fromEntries(Object.keys(names).map((name) => [name, true]));
  const unusedVals = Object.fromEntries(Object.keys(values).map((name) => [name, true]));
  let result: unknown;
  const consumed = (all: object, unused: object) => Object.keys(all).filter((name) => !(name in unused));
  try {
    result = original(input, { context: { ...context, unusedAttrNames: unusedNames, unusedAttrVals: unusedVals } });
  } finally {
    forget(context.unusedAttrNames, consumed(names, unusedNames));
    forget(context.unusedAttrVals, consumed(values, unusedVals));
  }
  if (result === null || typeof result !== "object") return { result };
  const slots = new Map<unknown, string>();
  for (const name of Object.keys(values)) {
    // One object under two names: which name a place in the tree came from is unknown.
    if (slots.has(values[name])) return { result };
    slots.set(values[name], name);
  }
  const template = toTemplate(result, slots, new Map());
  return {
    result,
    entry:
      template === UNCACHEABLE
        ? UNCACHEABLE
        : { template, consumedNames: consumed(names, unusedNames), consumedVals: consumed(values, unusedVals) },
  };
}

function forget(unused: Record<string, unknown> | undefined, consumed: string[]): void {
  if (!unused) return;
  for (const name of consumed) delete unused[name];
}

/** A private copy of a parsed tree, values as slots; UNCACHEABLE if a node reads value content. */
function toTemplate(node: unknown, slots: Map<unknown, string>, copies: Map<object, unknown>): unknown {
  if (node === null || typeof node !== "object") return node;
  const slot = slots.get(node);
  if (slot !== undefined) return new Slot(slot);
  if (copies.has(node)) return copies.get(node);
  if (readsValueContent(node)) return UNCACHEABLE;
  const copy: Record<string | number, unknown> = Array.isArray(node)
    ? new Array(node.length)
    : Object.create(Object.getPrototypeOf(node));
  copies.set(node, copy);
  for (const key of Object.keys(node)) {
    const child = toTemplate((node as Record<string, unknown>)[key], slots, copies);
    if (child === UNCACHEABLE) return UNCACHEABLE;
    copy[key] = child;
  }
  return copy;
}

/** BETWEEN compares its bounds' values; attribute_type reads its type name's S. */
function readsValueContent(node: object): boolean {
  const { type, name } = node as { type?: unknown; name?: unknown };
  return type === "between" || (type === "function" && name === "attribute_type");
}

function replay(entry: Entry, context: ParseContext): unknown {
  forget(context.unusedAttrNames, entry.consumedNames);
  forget(context.unusedAttrVals, entry.consumedVals);
  return instantiate(entry.template, context.attrVals ?? {}, new Map());
}

/** Fresh containers shaped like the template, with this request's value objects in the slots. */
function instantiate(node: unknown, values: Record<string, unknown>, copies: Map<object, unknown>): unknown {
  if (node === null || typeof node !== "object") return node;
  if (node instanceof Slot) return values[node.name];
  if (copies.has(node)) return copies.get(node);
  const copy: Record<string | number, unknown> = Array.isArray(node)
    ? new Array(node.length)
    : Object.create(Object.getPrototypeOf(node));
  copies.set(node, copy);
  for (const key of Object.keys(node)) copy[key] = instantiate((node as Record<string, unknown>)[key], values, copies);
  return copy;
}
