import { afterEach, describe, expect, it, vi } from "vitest";
import { handler } from "../../../functions/query-api/handler";
import { MissingEnvironmentError } from "../../../shared/config/env";
import {
  apiDepsFromEnvironment,
  listApiDepsFromEnvironment,
  RecordReadsNotServedError,
} from "../../../shared/query/api-deps";
import { apiEvent, get } from "./support/events";

describe("functions/query-api handler", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("answers routing questions without any AWS configuration", async () => {
    vi.stubEnv("TABLE_NAME", "");
    expect((await handler(apiEvent("OPTIONS", "/meetings"))).statusCode).toBe(204);
    expect((await handler(get("/unknown"))).statusCode).toBe(404);
    expect((await handler(get("/meetings", { limit: "0" }))).statusCode).toBe(400);
  });

  it("answers a 500 JSON, not a crash, when its configuration is missing", async () => {
    vi.stubEnv("TABLE_NAME", "");
    const result = await handler(get("/meetings"));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ error: { code: "internal", message: "internal error" } });
  });
});

describe("apiDepsFromEnvironment", () => {
  it("takes the table and cursor key from the environment", async () => {
    const deps = apiDepsFromEnvironment(
      {},
      { TABLE_NAME: "docket-dev", ARTIFACTS_BUCKET_NAME: "artifacts", CURSOR_KEY: "k" },
    );
    expect(deps.tableName).toBe("docket-dev");
    expect(await deps.cursorKey()).toBe("k");
  });

  it.each(["TABLE_NAME", "ARTIFACTS_BUCKET_NAME"])("fails naming %s when it is missing", (variable) => {
    const env: NodeJS.ProcessEnv = {
      TABLE_NAME: "t",
      ARTIFACTS_BUCKET_NAME: "a",
      CURSOR_KEY: "k",
      [variable]: undefined,
    };
    expect(() => apiDepsFromEnvironment({}, env)).toThrow(MissingEnvironmentError);
    expect(() => apiDepsFromEnvironment({}, env)).toThrow(variable);
  });
});

describe("listApiDepsFromEnvironment (the download function's)", () => {
  it("needs the table and cursor key only, no artifacts bucket", async () => {
    const deps = listApiDepsFromEnvironment({ TABLE_NAME: "docket-dev", CURSOR_KEY: "k" });
    expect(deps.tableName).toBe("docket-dev");
    expect(await deps.cursorKey()).toBe("k");
  });

  it("refuses a whole record with an error saying why, rather than reading a bucket it has no grant on", async () => {
    const deps = listApiDepsFromEnvironment({ TABLE_NAME: "docket-dev", CURSOR_KEY: "k" });
    await expect(deps.readRecord("rec_00000000000000000000")).rejects.toThrow(RecordReadsNotServedError);
  });

  it("fails naming TABLE_NAME when it is missing", () => {
    expect(() => listApiDepsFromEnvironment({ CURSOR_KEY: "k" })).toThrow("TABLE_NAME");
  });
});
