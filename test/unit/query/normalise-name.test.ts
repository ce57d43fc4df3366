import { describe, expect, it } from "vitest";
import { normaliseName, parsePersonName } from "../../../shared/query/normalise-name";

describe("normaliseName", () => {
  it("joins a name padded with spaces, as records store it, 曹  雷 → 曹雷", () => {
    expect(normaliseName("曹  雷")).toBe("曹雷");
  });

  it("finds a name typed in traditional script under its simplified form, 潘冬鈴 → 潘冬铃", () => {
    expect(normaliseName("潘冬鈴")).toBe("潘冬铃");
    expect(normaliseName("徐偉南")).toBe("徐伟南");
  });

  it("leaves a simplified name as it is", () => {
    expect(normaliseName("李超鲲")).toBe("李超鲲");
  });

  it("keeps 乾, which simplified names use as it is, rather than turning it into 干", () => {
    expect(normaliseName("李乾")).toBe("李乾");
    expect(normaliseName("陳乾")).toBe("陈乾");
  });

  it("turns full-width letters into ASCII and drops zero-width characters", () => {
    expect(normaliseName("Ａｌｉ\u200b")).toBe("Ali");
  });
});

describe("parsePersonName", () => {
  it("answers an empty name with a 400 naming the parameter", () => {
    expect(() => parsePersonName("  ", "person")).toThrow(/person/);
  });

  it("refuses NUL and other control characters, person=%00 → 400 naming person", () => {
    for (const raw of ["\u0000", "王\u0000明", "李\u001b强"]) {
      expect(() => parsePersonName(raw, "person")).toThrow(/person: must not contain control characters/);
    }
  });
});
