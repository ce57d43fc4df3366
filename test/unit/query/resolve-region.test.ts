import { describe, expect, it } from "vitest";
import { BadParameterError } from "../../../shared/errors";
import { AmbiguousRegionError, resolveRegion } from "../../../shared/query/resolve-region";

describe("resolveRegion", () => {
  it.each([
    ["钟楼区", "320404", "county"],
    ["常州市钟楼区", "320404", "county"],
    ["江苏省常州市钟楼区", "320404", "county"],
    ["江苏省钟楼区", "320404", "county"],
    ["常州市", "320400", "city"],
    ["江苏省常州市", "320400", "city"],
    ["江苏省", "320000", "province"],
    ["北京市", "110000", "province"],
    ["北京市朝阳区", "110105", "county"],
    ["湖北省仙桃市", "429004", "county"],
  ])("resolves the name %s to %s (%s)", (name, code, level) => {
    expect(resolveRegion(name)).toMatchObject({ code, level });
  });

  it.each([
    ["320404", "county", "江苏省常州市钟楼区"],
    ["320400", "city", "江苏省常州市"],
    ["320000", "province", "江苏省"],
  ])("accepts the code %s as a %s", (code, level, name) => {
    expect(resolveRegion(code)).toEqual({ code, level, name });
  });

  it("reads a region typed in traditional script, 鍾樓區 → 钟楼区", () => {
    expect(resolveRegion("鍾樓區").code).toBe("320404");
  });

  it("keeps 乾 of 乾县 rather than reading it as 干", () => {
    expect(resolveRegion("乾县").code).toBe("610424");
  });

  it("ignores spaces and full-width digits", () => {
    expect(resolveRegion(" 常州市 钟楼区 ").code).toBe("320404");
    expect(resolveRegion("３２０４０４").code).toBe("320404");
  });

  it("rejects an ambiguous name, listing every candidate's code", () => {
    const error = (() => {
      try {
        resolveRegion("鼓楼区");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AmbiguousRegionError);
    const ambiguous = error as AmbiguousRegionError;
    expect(ambiguous.parameter).toBe("region");
    expect(ambiguous.candidates.map((c) => c.code)).toEqual(["320106", "320302", "350102", "410204"]);
    for (const code of ["320106", "320302", "350102", "410204"]) expect(ambiguous.message).toContain(code);
  });

  it("resolves an ambiguous county once its city is named", () => {
    expect(resolveRegion("南京市鼓楼区").code).toBe("320106");
  });

  it.each(["火星区", "常州", "320499", "999999", "32040", "3204041"])("rejects %s naming region", (input) => {
    expect(() => resolveRegion(input)).toThrow(BadParameterError);
    try {
      resolveRegion(input);
    } catch (error) {
      expect((error as BadParameterError).parameter).toBe("region");
    }
  });

  it("answers a city without counties, 东莞市, as the city its records carry (441900), not by town codes", () => {
    expect(resolveRegion("东莞市")).toMatchObject({ code: "441900", level: "city" });
    expect(resolveRegion("广东省东莞市")).toMatchObject({ code: "441900", level: "city" });
    expect(resolveRegion("441900")).toMatchObject({ level: "city", name: "广东省东莞市" });
  });

  it("refuses a town name (石龙镇 of 东莞市): records are indexed no lower than county", () => {
    expect(() => resolveRegion("石龙镇")).toThrow(BadParameterError);
  });

  it("does not treat the 市辖区 grouping of a municipality as a searchable place", () => {
    expect(() => resolveRegion("市辖区")).toThrow(BadParameterError);
  });
});
