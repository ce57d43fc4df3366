import type { CountQuery, MeetingCounts } from "./meeting-counts-service";

/**
 * A container's memo of counting passes, keyed by the whole filter. A pass
 * in flight is shared by every request for the same filter (the web app's
 * home page asks GET /stats and GET /regions at once), and its counts are
 * reused until COUNTS_FRESH_MS after the pass began: repeated home-page views
 * do not rescan, and a count is at most that stale. A failed pass is
 * forgotten at once, so the next request reads afresh.
 */
export const COUNTS_FRESH_MS = 10_000;
/** Filters remembered at once, least recently used dropped first: each holds at most a few thousand regions. */
export const COUNTS_CACHE_ENTRIES = 16;

export type CountSource = (query: CountQuery) => Promise<MeetingCounts>;

/** `value` with object keys sorted and undefined members dropped, at every depth. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => [name, canonical(member)]),
  );
}

/**
 * The cache key: every member of the parsed query, whatever members it
 * gains later, so two filters share counts only when they are the same filter.
 */
export function countsKey(query: CountQuery): string {
  return JSON.stringify(canonical(query));
}

interface Entry {
  counts: Promise<MeetingCounts>;
  /** when the pass began, plus COUNTS_FRESH_MS */
  freshUntil: number;
}

export interface CountsCacheOptions {
  freshMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export function cachedCounts(count: CountSource, options: CountsCacheOptions = {}): CountSource {
  const { freshMs = COUNTS_FRESH_MS, maxEntries = COUNTS_CACHE_ENTRIES, now = Date.now } = options;
  const entries = new Map<string, Entry>();
  return (query) => {
    const key = countsKey(query);
    const known = entries.get(key);
    entries.delete(key);
    if (known && now() < known.freshUntil) {
      entries.set(key, known);
      return known.counts;
    }
    const entry: Entry = { counts: count(query), freshUntil: now() + freshMs };
    entries.set(key, entry);
    entry.counts.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
    return entry.counts;
  };
}
