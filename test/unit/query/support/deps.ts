import type { MeetingListDeps } from "../../../../shared/query/meeting-query-service";
import { type FakeTableOptions, fakeIndexTable } from "./fake-index-table";

export const TEST_CURSOR_KEY = "test-cursor-key-0123456789abcdef";
/** Mid-June 2024 in China. */
export const NOW = new Date("2024-06-15T04:00:00Z");

export function listDeps(items: readonly object[], options: FakeTableOptions = {}) {
  const { ddb, mock } = fakeIndexTable(items, options);
  const deps: MeetingListDeps = {
    ddb,
    tableName: "docket-test",
    cursorKey: () => Promise.resolve(TEST_CURSOR_KEY),
  };
  return { deps, mock };
}

/** Follows cursors to the end, failing if the API never stops paginating. */
export async function allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; cursor: string | null }>) {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page++) {
    const result = await fetch(cursor);
    pages.push(result.items);
    if (result.cursor === null) return pages;
    cursor = result.cursor;
  }
  throw new Error("pagination did not end within 500 pages");
}
