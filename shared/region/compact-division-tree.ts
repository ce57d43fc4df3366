import type { DivisionNode } from "./gbt2260-divisions";

/**
 * The province → city → county tree as one short string, for the Lambda
 * bundles: as an object literal the tree is 120 kB, mostly the repeated
 * `code`/`name`/`children` keys and full codes; this form is 45 kB.
 *
 * One province per line: its code and name, ">", then its cities joined by
 * ";"; a city is the digits its code adds to the province's, its name, ":",
 * then its counties joined by ","; a county is the digits its code adds to
 * the city's, and its name. 11北京市>01市辖区:01东城区,02西城区
 */

const SEPARATORS = /[\n>;:,]/;
const CODE_AND_NAME = /^(\d+)(\D.*)$/;

export function encodeDivisionTree(tree: readonly DivisionNode[]): string {
  return tree
    .map((province) => {
      const cities = childrenOf(province).map((city) => {
        const counties = childrenOf(city).map((county) => {
          if (county.children) throw new Error(`${county.code} ${county.name}: the table has three levels`);
          return entry(county, city.code);
        });
        return `${entry(city, province.code)}:${counties.join(",")}`;
      });
      return `${entry(province, "")}>${cities.join(";")}`;
    })
    .join("\n");
}

export function decodeDivisionTree(text: string): DivisionNode[] {
  return text.split("\n").map((line) => {
    const [head = "", cities = ""] = splitOnce(line, ">");
    const province = node(head, "");
    province.children = listOf(cities, ";").map((cityText) => {
      const [cityHead = "", counties = ""] = splitOnce(cityText, ":");
      const city = node(cityHead, province.code);
      city.children = listOf(counties, ",").map((county) => node(county, city.code));
      return city;
    });
    return province;
  });
}

function childrenOf(parent: DivisionNode): DivisionNode[] {
  if (!parent.children) throw new Error(`${parent.code} ${parent.name}: a province or city without children`);
  return parent.children;
}

function entry(division: DivisionNode, parentCode: string): string {
  if (!division.code.startsWith(parentCode) || !/^\d+$/.test(division.code)) {
    throw new Error(`${division.code} ${division.name}: the code does not extend ${parentCode || "nothing"}`);
  }
  if (SEPARATORS.test(division.name) || /^\d/.test(division.name)) {
    throw new Error(`${division.code} ${division.name}: the name cannot be written in the table`);
  }
  return `${division.code.slice(parentCode.length)}${division.name}`;
}

function node(text: string, parentCode: string): DivisionNode {
  const match = CODE_AND_NAME.exec(text);
  if (!match) throw new Error(`not a division entry: ${text}`);
  return { code: parentCode + match[1], name: match[2] as string };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

function listOf(text: string, separator: string): string[] {
  return text === "" ? [] : text.split(separator);
}
