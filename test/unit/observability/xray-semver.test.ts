import { describe, expect, it } from "vitest";
import { gte } from "../../../shared/observability/xray-semver";

describe("semver.gte as the X-Ray SDK uses it (its v2 SDK check against 2.7.15)", () => {
  it.each([
    ["2.7.15", true],
    ["2.7.16", true],
    ["2.10.0", true],
    ["3.0.0", true],
    ["v2.1692.0", true],
    ["2.7.14", false],
    ["2.6.99", false],
    ["1.99.99", false],
  ])("%s ≥ 2.7.15 is %s, compared as numbers, not text", (version, expected) => {
    expect(gte(version, "2.7.15")).toBe(expected);
  });

  it("answers cls-hooked's load-time check, Lambda's Node 24.11.0 ≥ 8.0.0", () => {
    expect(gte("24.11.0", "8.0.0")).toBe(true);
    expect(gte(process.versions.node, "8.0.0")).toBe(true);
    expect(gte("7.10.1", "8.0.0")).toBe(false);
  });

  it("refuses what is not a version, as semver does", () => {
    expect(() => gte("latest", "2.7.15")).toThrow(/Invalid Version: latest/);
  });
});
