import { describe, expect, it } from "vitest";
import { apiGatewayProxyEvent } from "../../../infra/local/api-gateway-event";
import { requestPaths } from "../../../shared/web/request-paths";

const request = (url: string) => ({
  method: "GET",
  url,
  headers: { host: "127.0.0.1:3000" },
  rawHeaders: ["Host", "127.0.0.1:3000"],
  body: Buffer.alloc(0),
  sourceIp: "127.0.0.1",
  stage: "local",
  region: "us-east-1",
});

describe("the local proxy event", () => {
  it("names the stage but gives the full path as served, from the root with no stage in it", () => {
    const event = apiGatewayProxyEvent(request("/meetings/rec_1?limit=5"), {
      resource: "/meetings/{id}",
      pathParameters: { id: "rec_1" },
    });
    expect(event.path).toBe("/meetings/rec_1");
    expect(event.requestContext).toMatchObject({ stage: "local", path: "/meetings/rec_1" });
  });

  it("so a web page read from it has no base path and links from the root, as the local server serves it", () => {
    const event = apiGatewayProxyEvent(request("/person/%E6%9D%8E%E8%B6%85"), {
      resource: "/person/{name}",
      pathParameters: { name: "%E6%9D%8E%E8%B6%85" },
    });
    expect(requestPaths(event)).toEqual({ path: "/person/%E6%9D%8E%E8%B6%85", basePath: "" });
  });
});
