import type { APIGatewayProxyEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createDownloadApp } from "../../../shared/web/download-app";
import {
  DOWNLOAD_MAX_ROWS,
  DOWNLOAD_TIME_RESERVE_MS,
  exportChunks,
  type ListPage,
} from "../../../shared/web/export-rows";
import type { QueryApi } from "../../../shared/web/query-api";
import { listPage, summary } from "./support/fake-list-api";
import { streamed } from "./support/streamed";

/**
 * The web pages are public, so a download is bounded: at most
 * DOWNLOAD_MAX_ROWS rows, and it stops while the function still has
 * DOWNLOAD_TIME_RESERVE_MS to run. Cut short, it ends with a row saying so
 * and linking to the rest; the status was sent before the cut was known.
 */

/** GET /meetings over `total` meetings, recording the limit each page asked for. */
function meetingsApi(total: number, limits: string[] = []): QueryApi {
  return async (_path, query = {}) => {
    limits.push(query.limit ?? "");
    return listPage(total, query);
  };
}

async function download(api: QueryApi, url: string) {
  const { pathname, searchParams } = new URL(url, "http://localhost");
  const response = await createDownloadApp(api)({ method: "GET", path: pathname, query: searchParams });
  let text = "";
  for await (const chunk of response.body as AsyncIterable<string>) text += chunk;
  return { status: response.status, lines: text.split(/\r?\n/).filter(Boolean) };
}

/** A CSV line's fields (the marker's are plain but for the quoted message). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1] ?? "").replace(/^"|"$/g, ""));
}

describe(`a download (at most ${DOWNLOAD_MAX_ROWS} rows)`, () => {
  it(`stops after ${DOWNLOAD_MAX_ROWS} rows with a TRUNCATED row whose link downloads the rest, so nothing is lost`, async () => {
    const total = DOWNLOAD_MAX_ROWS + 250;
    const first = await download(meetingsApi(total), "/download/meetings.csv?region=钟楼区");
    expect(first.status).toBe(200);
    const [header, ...rows] = first.lines;
    const marker = csvFields(rows.at(-1) ?? "");
    expect(rows).toHaveLength(DOWNLOAD_MAX_ROWS + 1);
    const columns = csvFields(header ?? "");
    const field = (name: string) => marker[columns.indexOf(name)];
    expect(field("\uFEFFid")).toBe("TRUNCATED");
    expect(field("kind")).toBe("truncated");
    expect(field("title")).toContain(`单次下载最多 ${DOWNLOAD_MAX_ROWS} 行`);
    const next = field("sourceUri") ?? "";
    expect(next).toBe(`/download/meetings.csv?region=${encodeURIComponent("钟楼区")}&cursor=${DOWNLOAD_MAX_ROWS}`);
    expect(field("title")).toContain(next);

    const rest = await download(meetingsApi(total), next);
    expect(rest.lines.slice(1)).toHaveLength(250);
    expect(rest.lines.at(-1)).toContain(summary(total - 1).id);
  });

  it(`of exactly ${DOWNLOAD_MAX_ROWS} rows is whole and says nothing of truncation`, async () => {
    const { lines } = await download(meetingsApi(DOWNLOAD_MAX_ROWS), "/download/meetings.jsonl");
    expect(lines).toHaveLength(DOWNLOAD_MAX_ROWS);
    expect(lines.at(-1)).not.toContain("truncated");
  });

  it("asks the API for no more rows than the limit leaves", async () => {
    const limits: string[] = [];
    const pages = exportChunks(
      "jsonl",
      listPage(1_000, { limit: "100" }).body as ListPage,
      async (cursor, limit) => {
        limits.push(String(limit));
        return listPage(1_000, { cursor, limit: String(limit) }).body as ListPage;
      },
      { maxRows: 250, pageSize: 100, reserveMs: 0, continueAt: (cursor) => `/rest?cursor=${cursor}` },
    );
    const lines: string[] = [];
    for await (const chunk of pages) lines.push(...chunk.split("\n").filter(Boolean));
    expect(limits).toEqual(["100", "50"]);
    expect(lines).toHaveLength(251);
    expect(JSON.parse(lines.at(-1) ?? "")).toMatchObject({
      truncated: true,
      reason: "rows",
      rows: 250,
      next: "/rest?cursor=250",
    });
  });
});

describe("a download in Lambda, short of time", () => {
  it(`stops reading while ${DOWNLOAD_TIME_RESERVE_MS / 1000} s of the function's time are left, ending with a marker linking to the rest under the stage`, async () => {
    // Each API page takes 10 s of a 300 s invocation.
    let remaining = 300_000;
    const leftAtEachRead: number[] = [];
    const slowApi: QueryApi = async (path, query = {}) => {
      leftAtEachRead.push(remaining);
      remaining -= 10_000;
      return meetingsApi(100_000)(path, query);
    };
    const event: Partial<APIGatewayProxyEvent> = {
      httpMethod: "GET",
      path: "/download/meetings.jsonl",
      resource: "/download/meetings.jsonl",
      requestContext: {
        stage: "prod",
        path: "/prod/download/meetings.jsonl",
      } as APIGatewayProxyEvent["requestContext"],
    };
    const { metadata, body } = await streamed(slowApi, event, { getRemainingTimeInMillis: () => remaining });
    expect(metadata.statusCode).toBe(200);
    const lines = body.trimEnd().split("\n");
    const marker = JSON.parse(lines.at(-1) ?? "");
    // pages read at 300 s … 40 s left; at 30 s left it reads no more
    expect(leftAtEachRead).toEqual(Array.from({ length: 27 }, (_, i) => 300_000 - i * 10_000));
    expect(remaining).toBeGreaterThanOrEqual(DOWNLOAD_TIME_RESERVE_MS);
    expect(lines).toHaveLength(27 * 100 + 1);
    expect(marker).toMatchObject({ truncated: true, reason: "time", rows: 2_700 });
    expect(marker.id).toBeUndefined();
    expect(marker.next).toBe("/prod/download/meetings.jsonl?cursor=2700");
    expect(marker.message).toContain("时间上限");
  });
});
