import type { Region } from "../../record/record-schema";
import { UNIT_SUFFIXES } from "../lexicon/unit-suffixes";
import { checkDeadline } from "../parse-deadline";
import type { MeetingLevel } from "./meeting-level";
import {
  type Division,
  divisionByCode,
  findDivisionNames,
  GENERIC_COUNTY_NAMES,
  type NameHit,
  readsAsWordAndSuffix,
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
/**
 * A place named inside a cited document (《宁波市奉化区…方案》) is the place the
 * document concerns: evidence when nothing else names one, outweighed by any
 * place the page names itself.
 */
const DOCUMENT_FACTOR = 0.3;

/**
 * A reposting site's own tags (发布开发区:江苏金坛经济开发区, 所属园区 …), with
 * or without a colon, where a label stands (line start or after a space):
 * the site's classification, not the meeting's place.
 */
const SITE_TAG = /(?:^|(?<=\s))(?:发布|所属|所在)(?:开发区|园区|地区|站点|频道|栏目)[\s:：]{0,6}[^\s:：]{1,40}/gu;

/**
 * What after a county's short form makes it a unit's name (奉化经济开发区,
 * 金坛手机台, 黑山中学), not a place the page is about.
 */
const UNIT_AFTER_SHORT_FORM = new RegExp(`^(?:${UNIT_SUFFIXES.join("|")})`, "u");

/**
 * A county whose name is a word and 县/区/市/旗 (代县, 和县, 新县, 会同县): the
 * word is usually one of its own — 代县长 is an acting county head, 市委和县委
 * is "the city and county committees", 新县城 a new county town, 局会同县财政局
 * "together with the county finance bureau".
 * Such a name counts only when it starts a phrase or follows a preposition or
 * list mark (not 委和县委), and its 县 does not bind to the next character
 * (县长, 县城, 县级, 县域 — the county's own head is 代县县长); or when its city or
 * province is written right before it (马鞍山市和县 is never "and").
 */
const BOUND_AFTER_ONE_CHARACTER_NAME = /^[长城级域直里]/u;
const OPENS_PHRASE_BEFORE = /[\p{Script=Han}]/u;
const PREPOSITION_BEFORE = /[在于赴到至来去从对向是为日和与及]/u;

function standsAsPlace(text: string, at: number, length: number): boolean {
  const before = text[at - 1] ?? "";
  if (OPENS_PHRASE_BEFORE.test(before) && !PREPOSITION_BEFORE.test(before)) return false;
  return !BOUND_AFTER_ONE_CHARACTER_NAME.test(text.slice(at + length, at + length + 2));
}

/** Where 《…》 titles sit in a text: [start, end) spans. */
function documentSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "《") {
      if (depth === 0) start = i;
      depth++;
    } else if (text[i] === "》" && depth > 0) {
      depth--;
      if (depth === 0) spans.push([start, i + 1]);
    }
  }
  return spans;
}
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
const LEVEL_SUFFIX: Record<Exclude<MeetingLevel, "省" | "州" | "盟">, RegExp> = {
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
  /** provinces the page names itself */
  const provincesNamed = new Map<string, number>();
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

  for (const { text: raw, weight: textWeight } of texts) {
    checkDeadline();
    const text = raw.replace(SITE_TAG, " ");
    const spans = documentSpans(text);
    const mentions = findDivisionNames(text);
    let span = 0;
    mentions.forEach((mention, i) => {
      const previous = mentions[i - 1];
      const adjacent = previous && previous.at + previous.text.length === mention.at ? previous : undefined;
      while (span < spans.length && (spans[span] as [number, number])[1] <= mention.at) span++;
      const inDocument = span < spans.length && (spans[span] as [number, number])[0] <= mention.at;
      const shortOnly = mention.hits.every((h) => h.short);
      const countyShortOnly = shortOnly && mention.hits.every((h) => h.division.level === "county");
      const after = text.slice(mention.at + mention.text.length, mention.at + mention.text.length + 8);
      // 辽宁日报 still says 辽宁; 黑山中学 is a school, wherever it stands
      if ((shortOnly && inDocument) || (countyShortOnly && UNIT_AFTER_SHORT_FORM.test(after))) return;
      const weight = inDocument ? textWeight * DOCUMENT_FACTOR : textWeight;
      const prefixedByPlace = adjacent?.hits.some((p) => p.division.level !== "county") ?? false;
      if (
        readsAsWordAndSuffix(mention.text) &&
        !prefixedByPlace &&
        !standsAsPlace(text, mention.at, mention.text.length)
      )
        return;
      const counties = mention.hits.filter((h) => h.division.level === "county");
      for (const hit of mention.hits) {
        const factor = hit.short ? SHORT_FORM_FACTOR : 1;
        if (hit.division.level === "city") {
          add(cityScores, hit.division.code, weight * factor);
          add(citiesNamed, hit.division.code, weight * factor);
          add(provinceScores, hit.division.provinceCode, weight * factor * 0.5);
        } else if (hit.division.level === "province") {
          add(provinceScores, hit.division.code, weight * factor);
          add(provincesNamed, hit.division.code, weight * factor);
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

  // a short form is read when the page names the city or province it is unique in (金坛 + 常州, 黑山 + 辽宁)
  for (const { division, weight, text } of pendingShort) {
    const confirmed =
      countyScores.has(division.code) ||
      (division.cityCode !== null && citiesNamed.has(division.cityCode)) ||
      provincesNamed.has(division.provinceCode);
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
  // the page's city: the one it names, else the one its counties belong to
  const cityOfPage = bestOf(citiesNamed) ?? bestOf(cityScores);
  if ((level === "州" || level === "盟") && cityOfPage) {
    warnings.push(`region: the meeting is held at ${level} level`);
    return { region: regionOf(divisionByCode(cityOfPage) as Division), warnings };
  }
  if (county && level && level !== "省" && level !== "州" && level !== "盟") {
    const suffix = LEVEL_SUFFIX[level];
    const fitting = bestEntry(
      [...countyScores].filter(([code]) => suffix.test(divisionByCode(code)?.name ?? "")),
      countyFirstSeen,
    );
    const namedCity = bestOf(citiesNamed);
    const cityScore = namedCity ? (citiesNamed.get(namedCity) ?? 0) : 0;
    // a 市政府 meeting is a city's unless a county-level 市 is named more strongly than any city
    if (level === "市" && cityOfPage && (!fitting || fitting[1] < cityScore)) {
      warnings.push("region: the meeting is held at city level; the counties the page names are not its own");
      return { region: regionOf(divisionByCode(cityOfPage) as Division), warnings };
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
