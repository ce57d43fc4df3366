import { describe, expect, it } from "vitest";
import { alternation, spacedAlternation } from "../../../shared/parse/regex-alternation";

describe("alternation", () => {
  it("lets the longest word win where a shorter one is its prefix", () => {
    const pattern = new RegExp(`^(?:${alternation(["副市长", "常务副市长"])})`);

    expect(pattern.exec("常务副市长王五")?.[0]).toBe("常务副市长");
  });
});

describe("spacedAlternation", () => {
  it("matches labels padded with spaces between their characters", () => {
    const pattern = new RegExp(`^(?:${spacedAlternation(["出席", "主持人"])})$`);

    expect(pattern.test("主 持  人")).toBe(true);
  });
});
