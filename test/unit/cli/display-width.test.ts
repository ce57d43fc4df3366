import { describe, expect, it } from "vitest";
import { displayWidth, padToWidth, truncateToWidth } from "../../../infra/cli/display-width";

describe("displayWidth", () => {
  it("counts a Chinese character as two columns", () => {
    expect(displayWidth("钟楼区")).toBe(6);
  });

  it("counts ASCII as one column each", () => {
    expect(displayWidth("2022-01-26")).toBe(10);
  });

  it("counts full-width punctuation as two columns", () => {
    expect(displayWidth("“两个”")).toBe(6);
  });
});

describe("truncateToWidth", () => {
  it("cuts a long title to the width, ending in …", () => {
    const cut = truncateToWidth("钟楼区政府2022年度第1次常务会议纪要", 12);

    expect(cut).toBe("钟楼区政府2…");
    expect(displayWidth(cut)).toBeLessThanOrEqual(12);
  });

  it("leaves a title that fits alone", () => {
    expect(truncateToWidth("纪要", 12)).toBe("纪要");
  });
});

describe("padToWidth", () => {
  it("pads by columns, not characters", () => {
    expect(padToWidth("区", 4)).toBe("区  ");
  });
});
