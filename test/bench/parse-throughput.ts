/**
 * `npm run bench`: parser throughput over every fixture page, beside a
 * baseline measured in the same run on the same pages — decoding the bytes
 * as UTF-8 and `cheerio.load(html).text()`, i.e. "parse the page and take its
 * text" with nothing else. The ratio says what the parser's extra work
 * (charset sniffing, content finding, metadata, normalisation, the meeting
 * stage, the schema check) costs relative to that. Not a test: no limits.
 */
import { readFileSync } from "node:fs";
import * as cheerio from "cheerio";
import { parsePage } from "../../shared/parse/parse-page";
import { goldenPages } from "../quality/golden-pages";

interface Page {
  name: string;
  bytes: Uint8Array;
}

const WARM_UP_ROUNDS = 2;
const ROUNDS = 7;

const groups: Record<string, Page[]> = {};
for (const page of goldenPages()) {
  const group = groups[page.set] ?? [];
  group.push({ name: page.slug, bytes: new Uint8Array(readFileSync(page.path)) });
  groups[page.set] = group;
}
groups.all = Object.values(groups).flat();

type Run = (page: Page) => void;

const docket: Run = (page) => {
  const outcome = parsePage(page.bytes, { uri: `file:///${page.name}` });
  if (!outcome.ok) throw new Error(`${page.name}: ${outcome.rejection.message}`);
};
const decoder = new TextDecoder();
const baseline: Run = (page) => {
  cheerio.load(decoder.decode(page.bytes)).text();
};

/** Seconds for one pass over the pages. */
function pass(pages: Page[], run: Run): number {
  const started = process.hrtime.bigint();
  for (const page of pages) run(page);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median seconds per pass; parser and baseline alternate within each round so both see the same machine state. */
function measure(pages: Page[]): { docket: number; baseline: number } {
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    pass(pages, docket);
    pass(pages, baseline);
  }
  const times = { docket: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    times.docket.push(pass(pages, docket));
    times.baseline.push(pass(pages, baseline));
  }
  return { docket: median(times.docket), baseline: median(times.baseline) };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(10);
console.log(
  `parse throughput — median of ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds, Node ${process.version}`,
);
console.log(`baseline: TextDecoder("utf-8") + cheerio.load(html).text() on the same pages in the same run\n`);
console.log(
  `${"pages".padEnd(12)} ${"n".padStart(4)} ${"MB".padStart(6)} │ ${"docket p/s".padStart(10)} ${"base p/s".padStart(10)} │ ${"docket MB/s".padStart(11)} ${"base MB/s".padStart(10)} │ ${"ratio".padStart(6)}`,
);
console.log("─".repeat(96));
for (const [name, pages] of Object.entries(groups)) {
  if (pages.length === 0) continue;
  const mb = pages.reduce((sum, p) => sum + p.bytes.length, 0) / 1e6;
  const t = measure(pages);
  console.log(
    `${name.padEnd(12)} ${String(pages.length).padStart(4)} ${mb.toFixed(2).padStart(6)} │ ${fmt(pages.length / t.docket)} ${fmt(pages.length / t.baseline)} │ ${fmt(mb / t.docket, 2).padStart(11)} ${fmt(mb / t.baseline, 2)} │ ${(t.docket / t.baseline).toFixed(2).padStart(5)}×`,
  );
}
console.log("\nratio = docket time ÷ baseline time (above 1: the parser is slower than parse-and-take-text).");
