import type { APIGatewayProxyEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { normaliseName } from "../../../shared/query/normalise-name";
import { resolveRegion } from "../../../shared/query/resolve-region";
import { growth } from "../support/cpu-growth";
import { errorOf, testApi } from "./support/api";
import { get } from "./support/events";
import { aRecord, itemsOf } from "./support/records";

/**
 * Parameters built to be slow — the pinyin pattern that once took the
 * normaliser 100 s, long runs of spaces, invisibles and brackets — cost the
 * same per request whatever their length: they are bounded before anything
 * normalises them. CPU time, least of a few runs, compared between sizes.
 */

const record = aRecord({ n: 1, date: "2022-01-26", chair: { name: "李超鲲", title: "区长" } });
const api = () => testApi(itemsOf([record]), [record]);

const SHAPES: Record<string, (n: number) => string> = {
  "an unclosed pinyin reading, 王(āaaa…": (n) => `王(ā${"a".repeat(n)}`,
  "many readings, 王(ā)王(ā)…": (n) => "王(ā)".repeat(n),
  "spaces and invisibles, 王 \u200b王 \u200b…": (n) => "王 \u200b".repeat(n),
  "brackets, ((((…": (n) => "(".repeat(n),
};

async function cpuMsPerRequest(event: APIGatewayProxyEvent, handler: ReturnType<typeof api>["handler"]) {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const before = process.cpuUsage();
    await handler(event);
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return Math.max(best, 0.05);
}

describe("hostile query parameters", () => {
  it("answers GET /meetings?person=王(ā + 30 × a with a 200 or 400 in well under 100 ms", async () => {
    const { handler } = api();
    const event = get("/meetings", { person: `王(ā${"a".repeat(30)}` });
    await handler(event); // warm-up
    const started = process.cpuUsage();
    const result = await handler(event);
    const used = process.cpuUsage(started);
    expect([200, 400]).toContain(result.statusCode);
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });

  it.each([
    ["person", "/meetings"],
    ["region", "/meetings"],
    ["cursor", "/meetings"],
  ])("answers an over-long %s with a 400 naming it, before reading it", async (parameter, path) => {
    const { handler, mock } = api();
    const result = await handler(get(path, { [parameter]: `王(ā${"a".repeat(5000)}` }));
    expect(result.statusCode).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: "bad_parameter", parameter });
    expect(errorOf(result).message).toContain("at most");
    expect(mock.calls()).toHaveLength(0);
  });

  it("answers an over-long person name in the path with a 400 naming name", async () => {
    const result = await api().handler(get(`/people/${encodeURIComponent("王 ".repeat(1000))}`));
    expect(result.statusCode).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: "bad_parameter", parameter: "name" });
  });

  describe.each(Object.entries(SHAPES))("time per request stays flat as the value grows: %s", (_name, shape) => {
    it.each(["person", "region", "cursor"])("in %s, from 16 to 65 536 characters", async (parameter) => {
      const { handler } = api();
      const sizes = [16, 256, 4096, 65_536];
      await handler(get("/meetings", { [parameter]: shape(sizes[0] as number) })); // warm-up
      const perRequest: number[] = [];
      for (const size of sizes)
        perRequest.push(await cpuMsPerRequest(get("/meetings", { [parameter]: shape(size) }), handler));
      // 4096× the characters: flat means each request costs about the same
      expect((perRequest.at(-1) as number) / (perRequest[0] as number), `CPU ms: ${perRequest}`).toBeLessThan(4);
    });
  });

  it.each(Object.entries(SHAPES))("normalises names in linear time: %s", (_name, shape) => {
    const measured = growth([1024, 4096, 16_384], shape, (text) => normaliseName(text));
    expect(measured.ratio, `CPU ms per character: ${measured.perUnit}`).toBeLessThan(4);
  });

  it.each(Object.entries(SHAPES))("resolves regions in linear time: %s", (_name, shape) => {
    const measured = growth([1024, 4096, 16_384], shape, (text) => {
      try {
        resolveRegion(text);
      } catch {
        // a 400 is the expected answer; only its cost is measured
      }
    });
    expect(measured.ratio, `CPU ms per character: ${measured.perUnit}`).toBeLessThan(4);
  });
});
