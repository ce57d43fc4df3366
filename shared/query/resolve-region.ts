import { BadParameterError } from "../errors";
import { divisionRows } from "../region/gbt2260-divisions";
import { normaliseName } from "./normalise-name";

/**
 * Turns a `region` parameter (a GB/T 2260 code, or a name such as 钟楼区,
 * 常州市钟楼区, 江苏省) into the 6-digit code of the REGION# index partition.
 * The divisions are the parser's (region/gbt2260-divisions.ts), so a
 * record's region code and a query's always come from the same table.
 */

export type RegionLevel = "province" | "city" | "county";

export interface ResolvedRegion {
  /** 6 digits, zero-padded for provinces (320000) and cities (320400). */
  code: string;
  level: RegionLevel;
  /** the full name, e.g. 江苏省常州市钟楼区 */
  name: string;
}

/**
 * City-level rows that are not cities but groupings (the districts of a
 * municipality, counties administered directly by a province): their name
 * is never part of a place name, and they cannot be searched by name.
 */
const PLACEHOLDER_CITY_NAMES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/** A code's own digits per level; index items compare summary codes on this prefix. */
export const LEVEL_PREFIX_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6 };

export class AmbiguousRegionError extends BadParameterError {
  constructor(
    readonly input: string,
    readonly candidates: ResolvedRegion[],
  ) {
    super(
      "region",
      `"${input}" names ${candidates.length} regions: ${candidates.map((c) => `${c.code} (${c.name})`).join(", ")}; give the code or a longer name`,
    );
    this.name = "AmbiguousRegionError";
  }
}

interface RegionTables {
  byCode: Map<string, ResolvedRegion>;
  byName: Map<string, Set<string>>;
  /** every name a code is searched by */
  namesOf: Map<string, string[]>;
}

let tables: RegionTables | undefined;

/**
 * Built on first use, once per container: ~3,300 divisions, a few ms. From
 * the same flat rows as the parser, so a city without counties (东莞市) is one
 * county-level row, as in records, and its towns are not searchable codes.
 */
function regionTables(): RegionTables {
  if (tables) return tables;
  const byCode = new Map<string, ResolvedRegion>();
  const byName = new Map<string, Set<string>>();
  const namesOf = new Map<string, string[]>();
  const register = (names: string[], region: ResolvedRegion) => {
    byCode.set(region.code, region);
    namesOf.set(region.code, names);
    for (const name of names) {
      const codes = byName.get(name) ?? new Set<string>();
      codes.add(region.code);
      byName.set(name, codes);
    }
  };
  const { provinces, cities, counties } = divisionRows();
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const cityNames = new Map<string, string>();
  for (const province of provinces) {
    register([province.name], { code: province.code.padEnd(6, "0"), level: "province", name: province.name });
  }
  for (const city of cities) {
    const provinceName = provinceNames.get(city.provinceCode) ?? "";
    const cityName = PLACEHOLDER_CITY_NAMES.has(city.name) ? "" : city.name;
    cityNames.set(city.code, cityName);
    register(cityName ? [cityName, provinceName + cityName] : [], {
      code: city.code.padEnd(6, "0"),
      level: "city",
      name: provinceName + cityName,
    });
  }
  for (const county of counties) {
    const provinceName = provinceNames.get(county.provinceCode) ?? "";
    const cityName = cityNames.get(county.cityCode) ?? "";
    // A city without counties is its own county row, under the city's code: the city answers for it.
    if (county.code === county.cityCode.padEnd(6, "0")) continue;
    const names = [county.name, provinceName + county.name, provinceName + cityName + county.name];
    if (cityName) names.push(cityName + county.name);
    register(names, { code: county.code, level: "county", name: provinceName + cityName + county.name });
  }
  tables = { byCode, byName, namesOf };
  return tables;
}

export function resolveRegion(input: string): ResolvedRegion {
  const text = normaliseName(input);
  const { byCode, byName } = regionTables();
  if (/^\d+$/.test(text)) {
    if (text.length !== 6) throw new BadParameterError("region", `a GB/T 2260 code has 6 digits, got "${text}"`);
    const region = byCode.get(text);
    if (!region) throw new BadParameterError("region", `${text} is not a GB/T 2260 province, city or county code`);
    return region;
  }
  const codes = [...(byName.get(text) ?? [])].sort();
  const regions = codes.map((code) => byCode.get(code)).filter((r): r is ResolvedRegion => r !== undefined);
  const [only] = regions;
  if (!only) {
    throw new BadParameterError(
      "region",
      `"${text}" is not a known province, city or county name (e.g. 江苏省, 常州市, 常州市钟楼区) nor a 6-digit code`,
    );
  }
  if (regions.length > 1) throw new AmbiguousRegionError(text, regions);
  return only;
}

/**
 * A region as a person types it: the shortest of its names that names it
 * alone (钟楼区 for 江苏省常州市钟楼区, 江苏省常州市鼓楼区 where 鼓楼区 is
 * ambiguous); resolveRegion answers it with the same code.
 */
export function shortestName(code: string): string | undefined {
  const { byName, namesOf } = regionTables();
  return [...(namesOf.get(code) ?? [])]
    .filter((name) => byName.get(name)?.size === 1)
    .sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
}

/**
 * A code's region and the regions containing it, smallest first (county,
 * city, province), leaving out the groupings that are no place name (the
 * 市辖区 of a municipality). Unknown codes have none.
 */
export function regionLineage(code: string): ResolvedRegion[] {
  const { byCode, namesOf } = regionTables();
  const codes = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  return [...new Set(codes)]
    .filter((c) => (namesOf.get(c)?.length ?? 0) > 0)
    .map((c) => byCode.get(c))
    .filter((r): r is ResolvedRegion => r !== undefined);
}
