import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { APIGatewayProxyResult } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import openApiDocument from "../../../functions/query-api/openapi.json";
import { MAX_PERSON_NAME_LENGTH } from "../../../shared/query/normalise-name";
import { PERSON_ROLES } from "../../../shared/query/people-service";
import { LIMIT } from "../../../shared/query/query-parameters";
import { ROUTES } from "../../../shared/query/router";
import { agendaDecisions, meetingRecordSchema, meetingTypes } from "../../../shared/record/record-schema";
import { body, testApi } from "./support/api";
import { get } from "./support/events";
import { checkAgainstSchema } from "./support/json-schema-check";
import { aRecord, itemsOf } from "./support/records";

/**
 * The document in functions/query-api/openapi.json is hand-written; these
 * tests hold it and the handler to each other: the same routes and
 * parameters, the same constraints, and every response the handler gives
 * valid under the schema documented for its status.
 */

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: "query" | "path";
  required?: boolean;
  schema: Schema;
  example?: unknown;
}
interface Operation {
  parameters?: Schema[];
  responses: Record<string, Schema>;
}

const document = openApiDocument as unknown as Schema & { paths: Record<string, Record<string, Operation>> };

function deref<T>(node: Schema): T {
  if (typeof node.$ref !== "string") return node as T;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((at, part) => (at as Schema)[part], document);
  return deref<T>(target as Schema);
}

function parametersOf(path: string): Parameter[] {
  return (document.paths[path]?.get?.parameters ?? []).map((p) => deref<Parameter>(p));
}

function componentSchema(name: string): Schema {
  return (document.components as { schemas: Record<string, Schema> }).schemas[name] ?? {};
}

const named = (name: string) => (p: Parameter) => p.name === name;

const EXAMPLE_ID = parametersOf("/meetings/{id}").find(named("id"))?.example as string;
const EXAMPLE_PERSON = parametersOf("/people/{name}").find(named("name"))?.example as string;
const records = [
  {
    ...aRecord({
      n: 1,
      date: "2022-06-01",
      type: "government-executive",
      chair: { name: EXAMPLE_PERSON, title: "区长" },
    }),
    id: EXAMPLE_ID,
  },
  aRecord({
    n: 2,
    date: "2022-03-01",
    type: "government-executive",
    attendees: [EXAMPLE_PERSON],
    people: [{ name: EXAMPLE_PERSON, titles: ["区长"] }],
  }),
  aRecord({ n: 3, date: "2022-02-01", kind: "other" }),
  aRecord({ n: 4, date: null, publishedDate: null, region: null }),
];

function concretePath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(parametersOf(template).find(named(name))?.example)),
  );
}

/** Checks a handler response against the document: status documented for the route, body valid under its schema. */
function problemsWith(template: string, result: APIGatewayProxyResult): string[] {
  const response = document.paths[template]?.get?.responses[String(result.statusCode)];
  if (!response) return [`${template}: status ${result.statusCode} is not documented`];
  const schema = deref<{ content?: Record<string, { schema: Schema }> }>(response).content?.["application/json"]
    ?.schema;
  if (!schema) return [`${template}: ${result.statusCode} documents no JSON schema`];
  return checkAgainstSchema(document, schema, JSON.parse(result.body));
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the x-api-key header scheme applied to every operation", () => {
    expect(document.openapi).toBe("3.1.0");
    expect((document.components as { securitySchemes: Schema }).securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: "apiKey", in: "header", name: "x-api-key" }),
    });
    expect(document.security).toEqual([{ apiKey: [] }]);
  });

  it("documents exactly the routes the handler serves, each as GET", () => {
    expect(Object.keys(document.paths).sort()).toEqual(ROUTES.map((r) => r.path).sort());
    for (const methods of Object.values(document.paths)) expect(Object.keys(methods)).toEqual(["get"]);
  });

  it.each(ROUTES.map((route) => [route.path, route] as const))(
    "documents exactly the parameters %s accepts",
    (path, route) => {
      const documented = parametersOf(path);
      expect(
        documented
          .filter((p) => p.in === "query")
          .map((p) => p.name)
          .sort(),
      ).toEqual([...route.queryParameters].sort());
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(documented.filter((p) => p.in === "path").map((p) => p.name)).toEqual(inTemplate);
      for (const p of documented) expect(p.required ?? false).toBe(p.in === "path");
    },
  );

  it("states the constraints the code enforces", () => {
    const limit = parametersOf("/meetings").find(named("limit"))?.schema;
    expect(limit).toEqual({ type: "integer", minimum: LIMIT.min, maximum: LIMIT.max, default: LIMIT.default });
    expect(componentSchema("MeetingType").enum).toEqual([...meetingTypes]);
    const agendaItem = componentSchema("AgendaItem") as { properties: Record<string, Schema> };
    expect(agendaItem.properties.decision?.enum).toEqual([...agendaDecisions, null]);
    expect(componentSchema("PersonRole").enum).toEqual([...PERSON_ROLES]);
    const idPattern = (z.toJSONSchema(meetingRecordSchema) as unknown as { properties: { id: { pattern: string } } })
      .properties.id.pattern;
    expect(parametersOf("/meetings/{id}").find(named("id"))?.schema.pattern).toBe(idPattern);
    expect(parametersOf("/meetings").find(named("person"))?.schema.maxLength).toBe(MAX_PERSON_NAME_LENGTH);
    expect(parametersOf("/people/{name}").find(named("name"))?.schema.maxLength).toBe(MAX_PERSON_NAME_LENGTH);
  });

  it("describes the record with exactly the fields of the record schema, required alike", () => {
    type Shape = { required: string[]; properties: Record<string, Shape | null> } | null;
    // The object structure of a schema: through $ref, nullable anyOf and array items, down to leaves.
    const shape = (node: Schema, root: Schema): Shape => {
      let at = node;
      for (;;) {
        if (typeof at.$ref === "string") at = deref(at);
        else if (Array.isArray(at.anyOf))
          at = (at.anyOf as Schema[]).find((o) => deref<Schema>(o).type !== "null") ?? {};
        else if (at.type === "array" && at.items) at = at.items as Schema;
        else break;
      }
      if (!at.properties) return null;
      const properties = at.properties as Record<string, Schema>;
      return {
        required: [...((at.required as string[]) ?? [])].sort(),
        properties: Object.fromEntries(
          Object.keys(properties)
            .sort()
            .map((k) => [k, shape(properties[k] ?? {}, root)]),
        ),
      };
    };
    const fromZod = z.toJSONSchema(meetingRecordSchema) as unknown as Schema;
    expect(shape(componentSchema("MeetingRecord"), document)).toEqual(shape(fromZod, fromZod));
  });
});

describe("the handler against the OpenAPI document", () => {
  it.each(Object.keys(document.paths))(
    "answers %s with its documented parameters at their example values",
    async (template) => {
      const { handler } = testApi(itemsOf(records), records);
      const examples = Object.fromEntries(
        parametersOf(template)
          .filter((p) => p.in === "query" && p.example !== undefined)
          .map((p) => [p.name, String(p.example)]),
      );
      for (const [name, value] of Object.entries(examples)) {
        const result = await handler(get(concretePath(template), { [name]: value }));
        expect({ name, status: result.statusCode, body: result.body.slice(0, 200) }).toMatchObject({
          name,
          status: 200,
        });
      }
      const all = await handler(get(concretePath(template), examples));
      expect(all.statusCode).toBe(200);
      expect(problemsWith(template, all)).toEqual([]);
    },
  );

  it("accepts the cursor parameter wherever it is documented", async () => {
    const { handler } = testApi(itemsOf(records), records);
    for (const template of Object.keys(document.paths).filter((t) => parametersOf(t).some(named("cursor")))) {
      const first = body(await handler(get(concretePath(template), { limit: "1" })));
      expect(first.cursor).toEqual(expect.any(String));
      const next = await handler(get(concretePath(template), { limit: "1", cursor: String(first.cursor) }));
      expect(next.statusCode).toBe(200);
      expect(problemsWith(template, next)).toEqual([]);
    }
  });

  it.each(Object.keys(document.paths))(
    "rejects on %s a query parameter the document does not list",
    async (template) => {
      const { handler } = testApi(itemsOf(records), records);
      const result = await handler(get(concretePath(template), { undocumented: "1" }));
      expect(result.statusCode).toBe(400);
      expect(problemsWith(template, result)).toEqual([]);
    },
  );

  const scenarios: [string, string, Record<string, string>][] = [
    ["every meeting, some without meeting or region", "/meetings", {}],
    ["an ambiguous region", "/meetings", { region: "鼓楼区" }],
    ["a bad date", "/meetings", { from: "2024-02-30" }],
    ["a forged cursor", "/meetings", { cursor: "abc.def" }],
    ["a record", `/meetings/${EXAMPLE_ID}`, {}],
    ["a missing record", "/meetings/rec_ffffffffffffffffffff", {}],
    ["a malformed id", "/meetings/nope", {}],
    ["a person", `/people/${encodeURIComponent(EXAMPLE_PERSON)}`, {}],
    ["an unknown person", `/people/${encodeURIComponent("张三")}`, {}],
    ["the document", "/openapi.json", {}],
    ["the counts per month and type", "/stats", {}],
    ["the counts for a region", "/stats", { region: "钟楼区" }],
    ["the regions holding meetings", "/regions", {}],
    ["the regions matching a traditional name", "/regions", { name: "鐘樓" }],
  ];

  it.each(scenarios)("gives a documented, schema-valid answer for %s", async (_name, path, query) => {
    const { handler } = testApi(itemsOf(records), records);
    const template = path.startsWith("/meetings/")
      ? "/meetings/{id}"
      : path.startsWith("/people/")
        ? "/people/{name}"
        : path;
    expect(problemsWith(template, await handler(get(path, query)))).toEqual([]);
  });

  it.each([
    [
      "a throttled table",
      Object.assign(new Error("slow down"), { name: "ProvisionedThroughputExceededException" }),
      503,
    ],
    ["an unexpected failure", new Error("boom"), 500],
  ])("gives a documented, schema-valid answer for %s", async (_name, failure, status) => {
    const { handler, mock } = testApi(itemsOf(records), records);
    mock.on(QueryCommand).rejects(failure);
    const result = await handler(get("/meetings"));
    expect(result.statusCode).toBe(status);
    expect(problemsWith("/meetings", result)).toEqual([]);
  });
});
