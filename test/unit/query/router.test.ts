import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { body, errorOf, testApi } from "./support/api";
import { apiEvent, get } from "./support/events";
import { aRecord, itemsOf } from "./support/records";

const record = aRecord({ n: 1, date: "2022-01-26", chair: { name: "李超鲲", title: "区长" } });
const api = () => testApi(itemsOf([record]), [record]);

describe("the query API", () => {
  describe("on every response", () => {
    it.each([
      ["a list", get("/meetings")],
      ["a bad parameter", get("/meetings", { limit: "0" })],
      ["an unknown route", get("/nowhere")],
      ["a wrong method", apiEvent("DELETE", "/meetings")],
    ])("sends JSON with CORS headers for %s", async (_name, event) => {
      const result = await api().handler(event);
      expect(result.headers).toMatchObject({
        "Content-Type": "application/json; charset=utf-8",
        "Access-Control-Allow-Origin": "*",
      });
      expect(() => JSON.parse(result.body)).not.toThrow();
    });
  });

  it("answers a CORS preflight on a known route with 204 and the allowed methods and headers", async () => {
    const result = await api().handler(apiEvent("OPTIONS", "/meetings/rec_00000000000000000001"));
    expect(result.statusCode).toBe(204);
    expect(result.headers).toMatchObject({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, OPTIONS",
      "Access-Control-Allow-Headers": expect.stringContaining("X-Api-Key"),
    });
  });

  it("answers an unknown route with a 404 JSON error", async () => {
    const result = await api().handler(get("/meeting"));
    expect(result.statusCode).toBe(404);
    expect(errorOf(result).code).toBe("not_found");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH", "HEAD"])(
    "answers %s on a known route with 405 and Allow",
    async (method) => {
      const result = await api().handler(apiEvent(method, "/meetings"));
      expect(result.statusCode).toBe(405);
      expect(result.headers?.Allow).toBe("GET, OPTIONS");
      expect(errorOf(result).code).toBe("method_not_allowed");
    },
  );

  it("tolerates a trailing slash", async () => {
    expect((await api().handler(get("/meetings/"))).statusCode).toBe(200);
  });

  describe("GET /meetings", () => {
    it("answers items and a cursor", async () => {
      const result = await api().handler(get("/meetings", { region: "钟楼区" }));
      expect(result.statusCode).toBe(200);
      expect(body(result)).toEqual({
        items: [expect.objectContaining({ id: record.id, chair: "李超鲲" })],
        cursor: null,
      });
    });

    it("hands out a cursor that fetches the next page", async () => {
      const second = aRecord({ n: 2, date: "2022-01-20" });
      const { handler } = testApi(itemsOf([record, second]));
      const first = body(await handler(get("/meetings", { limit: "1" })));
      const next = body(await handler(get("/meetings", { limit: "1", cursor: String(first.cursor) })));
      expect(next).toEqual({ items: [expect.objectContaining({ id: second.id })], cursor: null });
    });

    it.each([
      [{ regoin: "钟楼区" }, "regoin"],
      [{ limit: "0" }, "limit"],
      [{ limit: "101" }, "limit"],
      [{ limit: "abc" }, "limit"],
      [{ from: "2024-02-30" }, "from"],
      [{ from: "2022-02-01", to: "2022-01-01" }, "from"],
      [{ to: "soon" }, "to"],
      [{ type: "standing" }, "type"],
      [{ region: "不存在" }, "region"],
      [{ region: "12345" }, "region"],
      [{ person: "" }, "person"],
      [{ limit: ["1", "2"] }, "limit"],
      [{ cursor: "%%%" }, "cursor"],
    ])("answers %j with a 400 naming %s", async (query, parameter) => {
      const { handler, mock } = api();
      const result = await handler(get("/meetings", query));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result)).toMatchObject({ code: "bad_parameter", parameter });
      expect(errorOf(result).message).toContain(parameter);
      expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
    });

    it("answers an ambiguous region with a 400 listing the candidates", async () => {
      const result = await api().handler(get("/meetings", { region: "鼓楼区" }));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe("region");
      expect(errorOf(result).candidates?.map((c) => c.code)).toEqual(["320106", "320302", "350102", "410204"]);
    });

    it("answers a tampered cursor with a 400 naming cursor", async () => {
      const second = aRecord({ n: 2, date: "2022-01-20" });
      const { handler } = testApi(itemsOf([record, second]));
      const cursor = String(body(await handler(get("/meetings", { limit: "1" }))).cursor);
      const tampered = `${cursor.slice(0, -2)}${cursor.endsWith("AA") ? "BB" : "AA"}`;
      const result = await handler(get("/meetings", { limit: "1", cursor: tampered }));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe("cursor");
    });

    it("answers a cursor replayed under other filters with a 400 naming cursor", async () => {
      const second = aRecord({ n: 2, date: "2022-01-20" });
      const { handler } = testApi(itemsOf([record, second]));
      const cursor = String(body(await handler(get("/meetings", { limit: "1" }))).cursor);
      const result = await handler(get("/meetings", { limit: "1", cursor, type: "work-meeting" }));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe("cursor");
    });
  });

  describe("GET /meetings/{id}", () => {
    it("answers the full record", async () => {
      const result = await api().handler(get(`/meetings/${record.id}`));
      expect(result.statusCode).toBe(200);
      expect(body(result)).toEqual(record);
    });

    it("answers 404 for an id with no record", async () => {
      const result = await api().handler(get("/meetings/rec_ffffffffffffffffffff"));
      expect(result.statusCode).toBe(404);
      expect(errorOf(result).code).toBe("not_found");
    });

    it.each(["rec_123", "rec_FFFFFFFFFFFFFFFFFFFF", "abc", "rec_0000000000000000000g"])(
      "answers 400 naming id for %s",
      async (id) => {
        const result = await api().handler(get(`/meetings/${id}`));
        expect(result.statusCode).toBe(400);
        expect(errorOf(result).parameter).toBe("id");
      },
    );

    it("rejects query parameters it does not take", async () => {
      const result = await api().handler(get(`/meetings/${record.id}`, { limit: "5" }));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe("limit");
    });
  });

  describe("GET /people/{name}", () => {
    it("answers the person's posts and meetings, decoding the percent-encoded name", async () => {
      const result = await api().handler(get(`/people/${encodeURIComponent("李超鲲")}`));
      expect(result.statusCode).toBe(200);
      expect(body(result)).toMatchObject({
        name: "李超鲲",
        posts: [{ title: "区长", firstSeen: "2022-01-26", lastSeen: "2022-01-26" }],
        meetings: [{ id: record.id, roles: ["chair"], titles: ["区长"] }],
        cursor: null,
      });
    });

    it("answers 404 for a person who appears nowhere", async () => {
      const result = await api().handler(get(`/people/${encodeURIComponent("张三")}`));
      expect(result.statusCode).toBe(404);
    });

    it("answers 400 naming name for malformed percent-encoding", async () => {
      const result = await api().handler(get("/people/%E6%9D"));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe("name");
    });

    it.each([
      ["0", "limit"],
      ["x", "cursor"],
    ])("validates %s like /meetings", async (value, parameter) => {
      const result = await api().handler(get("/people/李超鲲", { [parameter]: value }));
      expect(result.statusCode).toBe(400);
      expect(errorOf(result).parameter).toBe(parameter);
    });
  });

  describe("when DynamoDB fails", () => {
    it("answers throttling with a 503 to retry, without internals", async () => {
      const { handler, mock, logger } = api();
      mock.on(QueryCommand).rejects(
        Object.assign(new Error("Throughput exceeds the current capacity of your table docket-prod"), {
          name: "ProvisionedThroughputExceededException",
        }),
      );
      const result = await handler(get("/meetings", { region: "钟楼区" }));
      expect(result.statusCode).toBe(503);
      expect(result.headers?.["Retry-After"]).toBe("1");
      expect(errorOf(result)).toEqual({ code: "unavailable", message: expect.any(String) });
      expect(result.body).not.toMatch(/docket-prod|Throughput|Exception|at /);
      expect(logger.warn).toHaveBeenCalled();
    });

    it("answers any other failure with a 500 JSON that reveals nothing, and logs it", async () => {
      const { handler, mock, logger } = api();
      mock.on(QueryCommand).rejects(new Error("ValidationException: secret table layout detail"));
      const result = await handler(get("/meetings"));
      expect(result.statusCode).toBe(500);
      expect(body(result)).toEqual({ error: { code: "internal", message: "internal error" } });
      expect(logger.error).toHaveBeenCalledWith(
        "request failed",
        expect.objectContaining({ error: expect.any(Error), path: "/meetings" }),
      );
    });
  });

  it("serves the OpenAPI document", async () => {
    const result = await api().handler(get("/openapi.json"));
    expect(result.statusCode).toBe(200);
    expect(body(result)).toMatchObject({ openapi: "3.1.0" });
  });
});
