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
  it("reads a short form unique within the province the page names: 晋江 with 福建 → 晋江市", () => {
    expect(at(["晋江的企业", 3], ["福建", 1]).region).toEqual({
      code: "350582",
      province: "福建省",
      city: "泉州市",
      county: "晋江市",
    });
  });
  it("does not read a short form the page names no city or province for: 晋江 with only 江苏 stays at province level", () => {
    expect(at(["晋江的企业", 3], ["江苏", 1]).region).toEqual({
      code: "320000",
      province: "江苏省",
      city: null,
      county: null,
    });
  });
  it("reads 黑山 → 黑山县 when the page names 辽宁", () => {
    expect(at(["黑山召开县政府常务会议", 4], ["辽宁日报", 0.5]).region?.county).toBe("黑山县");
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
  it("gives a 市 meeting that names only districts the city they belong to, county null", () => {
    const r = leveled("市", ["市政府召开第9次常务会议", 4], ["会议听取了章贡区、南康区的汇报", 3]);
    expect(r.region).toEqual({ code: "360700", province: "江西省", city: "赣州市", county: null });
  });
  it("gives a 州 meeting the prefecture, not a county it names", () => {
    const r = leveled("州", ["州政府召开常务会议", 4], ["凯里市、黄平县汇报了工作", 3], ["黔东南州", 1]);
    expect(r.region?.code).toBe("522600");
  });
  it("keeps the best county when none is of the meeting's level", () => {
    expect(leveled("县", ["钟楼区召开会议", 4]).region?.code).toBe("320404");
  });
});

describe("resolveRegion reads a region only from words that are places", () => {
  it("does not read 代县 from 代县长 (an acting county head)", () => {
    expect(at(["县委副书记、代县长王明主持会议", 3]).region).toBeNull();
  });
  it("does not read 和县 from 和 meaning 'and': 市委和县委, 城市和县城", () => {
    expect([at(["市委和县委领导出席", 3]).region, at(["推进城市和县城建设", 1]).region]).toEqual([null, null]);
  });
  it("does not read 会同县 from 会同 meaning 'together with': 请县卫健局会同县财政局", () => {
    expect(at(["请县卫健局会同县财政局细化方案", 1]).region).toBeNull();
  });
  it("reads a one-character county at the start of a phrase with its own bodies, 代县人民政府, 和县县委", () => {
    expect([at(["代县人民政府召开常务会议", 4]).region?.code, at(["和县县委常委会召开", 4]).region?.code]).toEqual([
      "140923",
      "340523",
    ]);
  });
  it("reads a one-character county that starts a phrase, 和县召开, or follows its city, 马鞍山市和县", () => {
    expect([at(["和县召开县政府常务会议", 4]).region?.code, at(["马鞍山市和县县委常委会", 4]).region?.code]).toEqual([
      "340523",
      "340523",
    ]);
  });
  it("does not read a reposting site's tag, with or without a colon, as the place", () => {
    const r = at(["县政府召开常务会议", 4], ["发布开发区 江苏金坛经济开发区", 0.5], ["所属园区:武进高新区", 0.5]);
    expect(r.region).toBeNull();
  });
  it("does not read a short form that names a unit, 黑山中学 or 金坛手机台", () => {
    expect([
      at(["黑山中学", 1], ["辽宁", 1]).region?.county,
      at(["金坛手机台", 1], ["常州", 1]).region?.county,
    ]).toEqual([null, null]);
  });
  it("prefers the place the page names over one inside a cited document", () => {
    const r = at(["钟楼区政府召开常务会议", 4], ["会议审议了《常州市金坛区学校布局调整方案》", 3]);
    expect(r.region?.county).toBe("钟楼区");
  });
  it("reads the place of a cited document when the page names no other, 《宁波市奉化区…》", () => {
    expect(at(["区政府召开第86次常务会议", 4], ["会议审议《宁波市奉化区固废管理方案》", 3]).region?.county).toBe(
      "奉化区",
    );
  });
  it("never reads a short form inside a cited document, 《奉化经济开发区…》", () => {
    expect(at(["会议审议《奉化经济开发区实施意见》", 3], ["宁波", 1]).region?.county).toBeNull();
  });
});

describe("resolveRegion for autonomous divisions", () => {
  it("reads an autonomous prefecture as pages write it, 黔东南州 → 黔东南苗族侗族自治州", () => {
    expect(at(["黔东南州召开州政府常务会议", 4]).region).toEqual({
      code: "522600",
      province: "贵州省",
      city: "黔东南苗族侗族自治州",
      county: null,
    });
  });
  it("reads an autonomous county as pages write it, 江华县 → 江华瑶族自治县", () => {
    expect(at(["江华县委常委会召开", 4]).region?.code).toBe("431129");
  });
  it("reads an autonomous county's short form when the page names its city, 江华 + 永州", () => {
    expect(at(["江华召开县政府常务会议", 4], ["永州市", 1]).region?.county).toBe("江华瑶族自治县");
  });
});
