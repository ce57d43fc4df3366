import { describe, expect, it } from "vitest";
import { resolveRegion } from "../../../../shared/parse/meeting/resolve-region";

const at = (...texts: [string, number][]) => resolveRegion(texts.map(([text, weight]) => ({ text, weight })));

describe("resolveRegion", () => {
  it("resolves a county to its code, city and province, 钟楼区 → 320404", () => {
    expect(at(["钟楼区政府2022年度第1次常务会议纪要", 4]).region).toEqual({
      code: "320404",
      province: "江苏省",
      city: "常州市",
      county: "钟楼区",
    });
  });
  it("reads short forms, 金坛 → 金坛区 320413, when the page names its city, and flags the guess", () => {
    const r = at(["金坛召开第三次督查会", 4], ["融入常州主城区", 1]);
    expect([r.region?.code, r.warnings]).toEqual(["320413", ["region: short form 金坛 read as 金坛区"]]);
  });
  it("does not read a short form unless the page names its city: 晋江 with only 福建 stays at province level", () => {
    expect(at(["晋江的企业", 3], ["福建", 1]).region).toEqual({
      code: "350000",
      province: "福建省",
      city: null,
      county: null,
    });
  });
  it("reads 武进 → 320412 and 贾汪区 → 320305", () => {
    expect([at(["武进召开会议", 4], ["常州", 1]).region?.code, at(["中共贾汪区委常委会", 4]).region?.code]).toEqual([
      "320412",
      "320305",
    ]);
  });
  it("settles an ambiguous county by a city written before it, 南京市鼓楼区", () => {
    expect(at(["南京市鼓楼区召开会议", 4]).region?.code).toBe("320106");
  });
  it("settles an ambiguous county by city context elsewhere in the page, and says so", () => {
    const r = at(["鼓楼区召开区政府常务会议", 4], ["主办单位:徐州市鼓楼区人民政府", 0.5]);
    expect([r.region?.code, r.warnings]).toEqual(["320302", ["region: 鼓楼区 resolved by context 徐州市"]]);
  });
  it("ignores an ambiguous county the page gives no context for", () => {
    expect(at(["鼓楼区召开会议", 4]).region).toBeNull();
  });
  it("does not read 城区 alone as a county", () => {
    expect(at(["精心组织12城区人大工作研讨活动", 1]).region).toBeNull();
  });
  it("reads 城区 after its city, 阳泉市城区", () => {
    expect(at(["阳泉市城区召开会议", 4]).region?.code).toBe("140302");
  });
  it("prefers the county the headline names over one mentioned in passing", () => {
    expect(at(["金坛召开督查会", 4], ["常州市", 1], ["与武进区交流", 1]).region?.county).toBe("金坛区");
  });
  it("falls back to the city when no county is named", () => {
    expect(at(["常州市政府召开常务会议", 4]).region).toEqual({
      code: "320400",
      province: "江苏省",
      city: "常州市",
      county: null,
    });
  });
  it("is null when no place is named", () => {
    expect(at(["英国美女在殡仪馆工作太痛苦", 4]).region).toBeNull();
  });
});

describe("resolveRegion with the level of the body holding the meeting", () => {
  const leveled = (level: Parameters<typeof resolveRegion>[1], ...texts: [string, number][]) =>
    resolveRegion(
      texts.map(([text, weight]) => ({ text, weight })),
      level,
    );

  it("keeps a 市 meeting at city level when the counties it names are 区/县", () => {
    const r = leveled(
      "市",
      ["市政府召开第18次常务会议", 4],
      ["章贡区、赣县区、南康区等中心城区要发挥示范带动作用", 3],
      ["《赣州市促进民营经济高质量发展若干措施》", 1],
    );
    expect(r.region).toEqual({ code: "360700", province: "江西省", city: "赣州市", county: null });
  });
  it("gives a 市 meeting to a county-level 市 named more strongly than its city", () => {
    const r = leveled("市", ["桐乡市召开深化改革推进会", 4], ["对标嘉兴市委、市政府部署要求", 1]);
    expect(r.region?.code).toBe("330483");
  });
  it("prefers a county of the meeting's level over a stronger one of another level", () => {
    const r = leveled("县", ["县政府常务会议", 4], ["学习借鉴武进区经验", 3], ["霍山县人民政府", 0.5]);
    expect(r.region?.code).toBe("341525");
  });
  it("keeps the best county when none is of the meeting's level", () => {
    expect(leveled("县", ["钟楼区召开会议", 4]).region?.code).toBe("320404");
  });
});
