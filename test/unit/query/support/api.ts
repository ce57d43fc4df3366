import type { APIGatewayProxyResult } from "aws-lambda";
import { vi } from "vitest";
import openApiDocument from "../../../../functions/query-api/openapi.json";
import { type CountsCacheOptions, cachedCounts } from "../../../../shared/query/counts-cache";
import { countMeetings } from "../../../../shared/query/meeting-counts-service";
import { type ApiDeps, createApiHandler } from "../../../../shared/query/router";
import type { MeetingRecord } from "../../../../shared/record/record-schema";
import { listDeps } from "./deps";
import type { FakeTableOptions } from "./fake-index-table";

/** The API over a fake table and a map of full records, with a logger that records what it was told. */
export function testApi(
  items: readonly object[],
  records: readonly MeetingRecord[] = [],
  options: FakeTableOptions & { counts?: CountsCacheOptions } = {},
) {
  const { deps: list, mock } = listDeps(items, options);
  const byId = new Map(records.map((record) => [record.id, record]));
  const deps: ApiDeps = {
    ...list,
    readRecord: async (id) => byId.get(id) ?? null,
    counts: cachedCounts((query) => countMeetings(list, query), options.counts),
    openApi: openApiDocument,
  };
  const logger = { error: vi.fn(), warn: vi.fn() };
  const handler = createApiHandler(() => deps, logger);
  return { handler, mock, logger, deps };
}

export function body(result: APIGatewayProxyResult): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

export function errorOf(result: APIGatewayProxyResult): {
  code: string;
  message: string;
  parameter?: string;
  candidates?: { code: string }[];
} {
  return (body(result) as { error: { code: string; message: string; parameter?: string } }).error;
}
