import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { oneOf, UsageError, wholeNumber } from "../../../infra/cli/cli-options";
import { runCli } from "../../../infra/cli/cli-program";
import { formatError } from "../../../infra/cli/command-action";
import { exportMeetings } from "../../../infra/cli/export-command";
import { filterParameters } from "../../../infra/cli/meeting-filters";
import { ApiError } from "../../../infra/cli/query-api-client";
import type { MeetingSummary } from "../../../shared/storage/item-keys";

function summary(n: number): MeetingSummary {
  return {
    id: `rec_${n.toString(16).padStart(20, "0")}`,
    kind: "minutes",
    title: `第${n}次会议, "纪要"`,
    date: "2022-01-26",
    sortDate: "2022-01-26",
    meetingType: "government-executive",
    meetingName: null,
    regionCode: "320404",
    regionName: "江苏省常州市钟楼区",
    chair: "李超鲲",
    sourceUri: `s3://raw/${n}.txt`,
    duplicateOf: null,
  };
}

/** 250 meetings served 100 a page, as the API pages them with its cursor. */
function pagedApi(total = 250) {
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor?: string) => {
    calls.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(100, total - start) }, (_, i) => summary(start + i));
    return { items, cursor: start + 100 < total ? String(start + 100) : null };
  };
  return { fetchPage, calls };
}

async function collect(run: (out: PassThrough) => Promise<number>) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const written = await run(out);
  return { written, text: Buffer.concat(chunks).toString("utf8") };
}

describe("option parsers", () => {
  it.each(["abc", "1.5", "-3", "0", "300", ""])("rejects --concurrency %j as a usage error", (value) => {
    expect(() => wholeNumber(1, 256)(value)).toThrow(/whole number|from 1 to 256/);
  });

  it("accepts a whole number in range", () => {
    expect(wholeNumber(1, 256)("16")).toBe(16);
  });

  it("accepts only the listed values, e.g. --kind", () => {
    expect(oneOf(["minutes", "news", "other"])("other")).toBe("other");
    expect(() => oneOf(["minutes", "news", "other"])("meeting")).toThrow(/one of minutes, news, other/);
  });
});

describe("filterParameters", () => {
  it("passes --kind and every other filter to the API under the API's names", () => {
    expect(filterParameters({ region: "钟楼区", kind: "other", from: "2022-01-01" })).toEqual({
      region: "钟楼区",
      type: undefined,
      kind: "other",
      from: "2022-01-01",
      to: undefined,
      person: undefined,
    });
  });
});

describe("exportMeetings", () => {
  it("writes every meeting of all pages as JSON Lines, following the cursor to its end", async () => {
    const api = pagedApi(250);
    const { written, text } = await collect((out) => exportMeetings(api.fetchPage, "jsonl", out));
    const lines = text.trimEnd().split("\n");
    expect(written).toBe(250);
    expect(lines).toHaveLength(250);
    expect(new Set(lines.map((line) => (JSON.parse(line) as MeetingSummary).id)).size).toBe(250);
    expect(api.calls).toEqual([undefined, "100", "200"]);
  });

  it("writes CSV with a UTF-8 BOM, one header and one quoted row per meeting", async () => {
    const { written, text } = await collect((out) => exportMeetings(pagedApi(150).fetchPage, "csv", out));
    expect(written).toBe(150);
    expect(text.startsWith("\uFEFFid,kind,date")).toBe(true);
    const rows = text.trimEnd().split("\r\n");
    expect(rows).toHaveLength(151);
    expect(rows[1]).toContain('"第0次会议, ""纪要"""');
  });
});

describe("formatError", () => {
  it("is one JSON line under --json, carrying the API's code and parameter", () => {
    const line = formatError("query", new ApiError(400, "bad_parameter", "400 from: bad date", "from"), true);
    expect(JSON.parse(line)).toEqual({
      error: { command: "query", code: "bad_parameter", message: "400 from: bad date", parameter: "from" },
    });
  });

  it("is a plain message otherwise", () => {
    expect(formatError("upload", new UsageError("give --source-url or --manifest"), false)).toBe(
      "docket upload: give --source-url or --manifest\n",
    );
  });
});

describe("runCli", () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  function silenced() {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    return { stdout, stderr };
  }

  it.each([
    ["a bad --concurrency", ["upload", "page.html", "--concurrency", "abc"]],
    ["a bad --limit", ["query", "--limit", "500"]],
    ["a bad --kind", ["export", "--kind", "meetings"]],
    ["an unknown option", ["query", "--regoin", "钟楼区"]],
    ["an unknown command", ["frobnicate"]],
  ])("exits 2 for %s, before doing anything", async (_name, args) => {
    const { stderr } = silenced();
    await runCli(["node", "docket", ...args]);
    expect(process.exitCode).toBe(2);
    expect(stderr).toHaveBeenCalled();
  });

  it("prints the version from package.json and exits 0", async () => {
    const { stdout } = silenced();
    await runCli(["node", "docket", "--version"]);
    expect(stdout).toHaveBeenCalledWith("0.1.0\n");
    expect(process.exitCode ?? 0).toBe(0);
  });

  it("lists every command in --help, the new ones included", async () => {
    const { stdout } = silenced();
    await runCli(["node", "docket", "--help"]);
    const help = stdout.mock.calls.map((call) => String(call[0])).join("");
    for (const name of ["parse", "upload", "query", "export", "show", "person", "events", "redrive", "reprocess"]) {
      expect(help).toContain(`  ${name} `);
    }
    expect(process.exitCode ?? 0).toBe(0);
  });
});
