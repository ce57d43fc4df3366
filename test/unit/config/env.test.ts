import { describe, expect, it } from "vitest";
import { ENV, MissingEnvironmentError, optionalEnv, requireEnv } from "../../../shared/config/env";

describe("requireEnv", () => {
  it("returns the variable's value", () => {
    expect(requireEnv(ENV.tableName, { TABLE_NAME: "docket" })).toBe("docket");
  });

  it("fails with the variable's name when it is missing or empty", () => {
    expect(() => requireEnv(ENV.tableName, {})).toThrow(MissingEnvironmentError);
    expect(() => requireEnv(ENV.tableName, { TABLE_NAME: "" })).toThrow(/TABLE_NAME/);
  });
});

describe("optionalEnv", () => {
  it("falls back to the default when the variable is unset", () => {
    expect(optionalEnv(ENV.maxPageBytes, "10", {})).toBe("10");
    expect(optionalEnv(ENV.maxPageBytes, "10", { MAX_PAGE_BYTES: "5" })).toBe("5");
  });
});
