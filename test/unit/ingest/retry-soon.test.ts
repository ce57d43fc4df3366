import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../../shared/ingest/retry-soon";

describe("retryDelaySeconds", () => {
  const middle = () => 0.5;

  it("doubles from 3 s with each receive: 3, 6, 12, 24 s", () => {
    expect([1, 2, 3, 4].map((count) => retryDelaySeconds(count, middle))).toEqual([3, 6, 12, 24]);
  });

  it("never passes a minute, however often the message came back", () => {
    expect(retryDelaySeconds(9, middle)).toBe(60);
    expect(retryDelaySeconds(1000, () => 0.999)).toBeLessThanOrEqual(72);
  });

  it("spreads copies that failed together by ±20%, so they do not all return at once", () => {
    expect(retryDelaySeconds(4, () => 0)).toBe(19);
    expect(retryDelaySeconds(4, () => 0.999)).toBe(29);
  });

  it("treats a missing or odd receive count as the first receive, and waits at least a second", () => {
    expect(retryDelaySeconds(Number.NaN, middle)).toBe(3);
    expect(retryDelaySeconds(0, () => 0)).toBeGreaterThanOrEqual(1);
  });
});
