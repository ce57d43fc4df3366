/**
 * The meetings list's filter state, read from and written back to the URL,
 * so that every filtered view is a link one can share. Names are the API's.
 */
export const FILTER_NAMES = ["region", "type", "kind", "from", "to", "person"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

export function readFilters(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}
