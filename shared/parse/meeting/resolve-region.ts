import type { Region } from "../../record/record-schema";
import { checkDeadline } from "../parse-deadline";
import type { MeetingLevel } from "./meeting-level";
import {
  type Division,
  divisionByCode,
  findDivisionNames,
  GENERIC_COUNTY_NAMES,
  type NameHit,
  regionOf,
} from "./region-index";

/**
 * The administrative area the meeting belongs to. Every division name in
 * the page is a vote, weighted by where it stands: the title and opening
 * paragraph speak for the meeting, the rest of the body less, header and
 * footer lines (常州市钟楼区人民政府办公室) least. Names shared by several
 * places (鼓楼区 ×4) are settled by the cities and provinces the page
 * names; labelled values that are not the meeting's own (a reposting
 * site's 发布开发区, seed 002) are removed before voting.
 */

export interface WeightedText {
  text: string;
  weight: number;
}

export interface RegionResult {
  region: Region | null;
  warnings: string[];
}

/** Short forms (金坛) count for less than full names (金坛区). */
const SHORT_FORM_FACTOR = 0.6;
/** A county named by the page also hints at its city, a little. */
const SIBLING_SUPPORT = 0.25;

interface AmbiguousMention {
  text: string;
  hits: NameHit[];
  weight: number;
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function contextOf(division: Division, cities: Map<string, number>, provinces: Map<string, number>): number {
  return (
    (division.cityCode ? (cities.get(division.cityCode) ?? 0) : 0) + 0.5 * (provinces.get(division.provinceCode) ?? 0)
  );
}

/** The county-level divisions a body of each level can hold a meeting for: a 市 body is a county-level 市's. */
const LEVEL_SUFFIX: Record<Exclude<MeetingLevel, "省">, RegExp> = {
  市: /市$/,
  区: /区$/,
  县: /县$/,
  旗: /旗$/,
};

/**
 * `level`: the level of the body holding the meeting (meeting-level.ts). A
 * county of another level named in the page is not the meeting's: a 市政府
 * meeting mentioning 章贡区 belongs to the city, or to a county-level 市 when
 * one is named as strongly as any city.
 */
export function resolveRegion(texts: readonly WeightedText[], level: MeetingLevel | null = null): RegionResult {
  const warnings: string[] = [];
  const countyScores = new Map<string, number>();
  const countyFirstSeen = new Map<string, number>();
  const countyShortOnly = new Map<string, string | null>();
  const cityScores = new Map<string, number>();
  /** cities the page names itself, not inferred from its counties */
  const citiesNamed = new Map<string, number>();
  /** short-form county votes wait until the page names the county's city too (金坛 + 常州, seed 002) */
  const pendingShort: { division: Division; weight: number; text: string }[] = [];
  const provinceScores = new Map<string, number>();
  const ambiguous: AmbiguousMention[] = [];
  let order = 0;

  const voteCounty = (division: Division, weight: number, text: string, short: boolean, confirmed = false) => {
    if (short && !confirmed) {
      pendingShort.push({ division, weight, text });
      return;
    }
    add(countyScores, division.code, weight * (short ? SHORT_FORM_FACTOR : 1));
    if (!countyFirstSeen.has(division.code)) countyFirstSeen.set(division.code, order++);
    const shortSoFar = countyShortOnly.get(division.code);
    countyShortOnly.set(division.code, short && shortSoFar !== null ? text : null);
    if (division.cityCode) add(cityScores, division.cityCode, weight * SIBLING_SUPPORT);
  };

  for (const { text, weight } of texts) {
    checkDeadline();
    const mentions = findDivisionNames(text);
    mentions.forEach((mention, i) => {
      const previous = mentions[i - 1];
      const adjacent = previous && previous.at + previous.text.length === mention.at ? previous : undefined;
      const counties = mention.hits.filter((h) => h.division.level === "county");
      for (const hit of mention.hits) {
        const factor = hit.short ? SHORT_FORM_FACTOR : 1;
        if (hit.division.level === "city") {
          add(cityScores, hit.division.code, weight * factor);
          add(citiesNamed, hit.division.code, weight * factor);
          add(provinceScores, hit.division.provinceCode, weight * factor * 0.5);
        } else if (hit.division.level === "province") {
          add(provinceScores, hit.division.code, weight * factor);
        }
      }
      if (counties.length === 0) return;
      // 常州市钟楼区, 南京市鼓楼区: a city or province right before the county settles it
      const prefixed = adjacent
        ? counties.filter((h) =>
            adjacent.hits.some(
              (p) =>
                (p.division.level === "city" && p.division.code === h.division.cityCode) ||
                (p.division.level === "province" && p.division.code === h.division.provinceCode),
            ),
          )
        : [];
      if (prefixed.length === 1) {
        const only = prefixed[0] as NameHit;
        voteCounty(only.division, weight, mention.text, only.short);
        return;
      }
      if (GENERIC_COUNTY_NAMES.has(mention.text)) return; // 城区 alone is "the urban area"
      if (counties.length === 1) {
        const only = counties[0] as NameHit;
        voteCounty(only.division, weight, mention.text, only.short);
        return;
      }
      ambiguous.push({ text: mention.text, hits: counties, weight });
    });
  }

  for (const mention of ambiguous) {
    const ranked = mention.hits
      .map((h) => ({ hit: h, context: contextOf(h.division, cityScores, provinceScores) }))
      .sort((a, b) => b.context - a.context);
    const [best, second] = ranked;
    if (best && best.context > 0 && (!second || best.context > second.context)) {
      const city = best.hit.division.cityCode ? divisionByCode(best.hit.division.cityCode)?.name : undefined;
      const context = city ?? divisionByCode(best.hit.division.provinceCode)?.name ?? "";
      const note = `region: ${mention.text} resolved by context ${context}`;
      if (!warnings.includes(note)) warnings.push(note);
      voteCounty(best.hit.division, mention.weight, mention.text, best.hit.short, true);
    } else {
      const note = `region: ${mention.text} is ambiguous (${mention.hits.length} places), ignored`;
      if (!warnings.includes(note)) warnings.push(note);
    }
  }

  for (const { division, weight, text } of pendingShort) {
    const confirmed =
      countyScores.has(division.code) || (division.cityCode !== null && citiesNamed.has(division.cityCode));
    if (confirmed) voteCounty(division, weight, text, true, true);
  }

  /** The highest score; ties go to the name seen first. */
  const bestEntry = (scores: Iterable<[string, number]>, firstSeen?: Map<string, number>) =>
    [...scores].sort((a, b) => b[1] - a[1] || (firstSeen?.get(a[0]) ?? 0) - (firstSeen?.get(b[0]) ?? 0))[0];
  const bestOf = (scores: Map<string, number>, firstSeen?: Map<string, number>) => bestEntry(scores, firstSeen)?.[0];

  let county = bestOf(countyScores, countyFirstSeen);
  const namedProvince = bestOf(provinceScores);
  if (level === "省" && namedProvince) {
    warnings.push("region: the meeting is held at province level");
    return { region: regionOf(divisionByCode(namedProvince) as Division), warnings };
  }
  if (county && level && level !== "省") {
    const suffix = LEVEL_SUFFIX[level];
    const fitting = bestEntry(
      [...countyScores].filter(([code]) => suffix.test(divisionByCode(code)?.name ?? "")),
      countyFirstSeen,
    );
    const namedCity = bestOf(citiesNamed);
    const cityScore = namedCity ? (citiesNamed.get(namedCity) ?? 0) : 0;
    if (level === "市" && namedCity && (!fitting || fitting[1] < cityScore)) {
      warnings.push("region: the meeting is held at city level; the counties the page names are not its own");
      return { region: regionOf(divisionByCode(namedCity) as Division), warnings };
    }
    if (fitting && fitting[0] !== county) {
      warnings.push(`region: ${divisionByCode(county)?.name} is no ${level}, and a ${level} body holds the meeting`);
      county = fitting[0];
    }
  }
  if (county) {
    const division = divisionByCode(county) as Division;
    const short = countyShortOnly.get(county);
    if (short) warnings.push(`region: short form ${short} read as ${division.name}`);
    return { region: regionOf(division), warnings };
  }
  // no county named: the city, else the province
  const city = bestOf(citiesNamed);
  if (city) {
    warnings.push("region: no county named, city level only");
    return { region: regionOf(divisionByCode(city) as Division), warnings };
  }
  const province = bestOf(provinceScores);
  if (province) {
    warnings.push("region: no county or city named, province level only");
    return { region: regionOf(divisionByCode(province) as Division), warnings };
  }
  return { region: null, warnings };
}
