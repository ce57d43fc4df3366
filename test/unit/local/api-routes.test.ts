import { describe, expect, it } from "vitest";
import { matchRoute } from "../../../infra/local/api-routes";

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
