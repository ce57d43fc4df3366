import { describe, expect, it } from "vitest";
import { BadParameterError } from "../../../shared/errors";
import { parseLimit, readQueryParameters } from "../../../shared/query/query-parameters";

function badParameter(run: () => unknown): BadParameterError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadParameterError) return error;
    throw error;
  }
  throw new Error("expected a BadParameterError");
}

describe("readQueryParameters", () => {
  const accepted = ["region", "limit"];

  it("returns single values from the multi-value map API Gateway sends", () => {
    const event = {
      queryStringParameters: { region: "钟楼区" },
      multiValueQueryStringParameters: { region: ["钟楼区"] },
    };
    expect(readQueryParameters(event, accepted)).toEqual(new Map([["region", "钟楼区"]]));
  });

  it("reads the single-value map when the multi-value one is absent", () => {
    const event = { queryStringParameters: { limit: "5" }, multiValueQueryStringParameters: null };
    expect(readQueryParameters(event, accepted).get("limit")).toBe("5");
  });

  it("treats no query string as no parameters", () => {
    expect(
      readQueryParameters({ queryStringParameters: null, multiValueQueryStringParameters: null }, accepted).size,
    ).toBe(0);
  });

  it("rejects unknown parameters, naming each of them", () => {
    const event = { queryStringParameters: { regoin: "x", colour: "y" }, multiValueQueryStringParameters: null };
    const error = badParameter(() => readQueryParameters(event, accepted));
    expect(error.parameter).toBe("regoin");
    expect(error.reason).toContain("regoin, colour");
  });

  it("rejects a parameter given twice", () => {
    const event = { queryStringParameters: { limit: "2" }, multiValueQueryStringParameters: { limit: ["1", "2"] } };
    expect(badParameter(() => readQueryParameters(event, accepted)).parameter).toBe("limit");
  });

  it("rejects an empty value", () => {
    const event = { queryStringParameters: { region: " " }, multiValueQueryStringParameters: null };
    expect(badParameter(() => readQueryParameters(event, accepted)).reason).toContain("empty");
  });
});

describe("parseLimit", () => {
  it("defaults to 20", () => expect(parseLimit(undefined)).toBe(20));
  it.each([
    ["1", 1],
    ["100", 100],
    ["42", 42],
  ])("accepts %s", (text, limit) => expect(parseLimit(text)).toBe(limit));
  it.each(["0", "101", "-1", "1.5", "ten", "1e2", "99999"])("rejects %s naming limit", (text) => {
    expect(badParameter(() => parseLimit(text)).parameter).toBe("limit");
  });
});
