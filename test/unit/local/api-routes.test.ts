import { describe, expect, it } from "vitest";
import { matchRoute, matchWebRoute } from "../../../infra/local/api-routes";

describe("matchRoute", () => {
  it("matches a literal resource with no path parameters", () => {
    expect(matchRoute("GET", "/meetings")).toEqual({ resource: "/meetings", pathParameters: null });
  });

  it("passes a path parameter on as it appears in the URL", () => {
    expect(matchRoute("GET", "/people/%E6%9D%8E")).toEqual({
      resource: "/people/{name}",
      pathParameters: { name: "%E6%9D%8E" },
    });
  });

  it("ignores a trailing slash", () => {
    expect(matchRoute("GET", "/meetings/rec_1/")?.resource).toBe("/meetings/{id}");
  });

  it.each([
    ["an unknown path", "GET", "/nowhere"],
    ["a deeper path", "GET", "/meetings/a/b"],
    ["a method the resource lacks", "POST", "/meetings"],
  ])("matches nothing for %s", (_name, method, path) => {
    expect(matchRoute(method, path)).toBeUndefined();
  });
});

describe("matchWebRoute", () => {
  it.each([
    ["/", "/", "web"],
    ["/meeting/rec_1", "/meeting/{id}", "web"],
    ["/person/%E6%9D%8E", "/person/{name}", "web"],
    ["/download/meetings.csv", "/download/meetings.csv", "download"],
    ["/download/meetings.jsonl", "/download/meetings.jsonl", "download"],
  ])("sends %s to its route %s, served by the %s function as in AWS", (path, route, fn) => {
    expect(matchWebRoute("GET", path)).toMatchObject({ resource: route, function: fn });
    expect(matchWebRoute("HEAD", path)).toMatchObject({ resource: route, function: fn });
  });

  it("passes path parameters on still percent-encoded, as API Gateway does", () => {
    expect(matchWebRoute("GET", "/person/%E6%9D%8E")?.pathParameters).toEqual({ name: "%E6%9D%8E" });
    expect(matchWebRoute("GET", "/")?.pathParameters).toBeNull();
  });

  it("leaves API routes, unknown paths and other methods alone", () => {
    expect(matchWebRoute("GET", "/meetings")).toBeUndefined();
    expect(matchWebRoute("GET", "/nowhere")).toBeUndefined();
    expect(matchWebRoute("POST", "/")).toBeUndefined();
  });
});
