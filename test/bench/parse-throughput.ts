/**
 * `npm run bench`: parser time per page over every fixture set, beside a
 * floor measured in the same run on the same bytes — decoding them (in the
 * charset the parser chose) and loading them with `cheerio/slim`, the
 * htmlparser2 build the parser itself uses: the least any DOM-based reading
 * of the page costs. The ratio says what everything else (charset sniffing,
 * content finding, line building, normalisation, the meeting stage, the
 * schema check) costs on top. HTML and text pages are reported apart: a
 * text page builds no DOM in the parser. Times are CPU time (user + system)
 * of this process, not wall time: on a shared 2-core machine a wall clock
 * mostly measures the other processes. Not a test: no limits.
 */
import { readFileSync } from "node:fs";
import { load } from "cheerio/slim";
import { parsePage } from "../../shared/parse/parse-page";
import { GOLDEN_SETS, goldenPages } from "../quality/golden-pages";

interface Page {
  name: string;
  bytes: Uint8Array;
  format: "html" | "text";
  /** the charset the parser reads the page in, so the floor decodes it the same way */
  encoding: string;
}

const WARM_UP_ROUNDS = 2;
const ROUNDS = 7;

/** Every golden page, with the format and charset the parser reads it in. */
function loadPages(): Page[] {
  return goldenPages().map((golden) => {
    const bytes = new Uint8Array(readFileSync(golden.path));
    const outcome = parsePage(bytes, { uri: `file://${golden.path}`, contentType: golden.contentType });
    if (!outcome.ok) throw new Error(`${golden.slug}: ${outcome.rejection.message}`);
    const { format, encoding } = outcome.record.source;
    return { name: `${golden.set}/${golden.slug}`, bytes, format, encoding };
  });
}

type Run = (page: Page) => void;

const docket: Run = (page) => {
  parsePage(page.bytes, { uri: `file:///${page.name}` });
};
const floor: Run = (page) => {
  load(new TextDecoder(page.encoding).decode(page.bytes));
};

/** CPU seconds for one pass over the pages. */
function pass(pages: Page[], run: Run): number {
  const started = process.cpuUsage();
  for (const page of pages) run(page);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

/**
 * The fastest pass of each (CPU seconds) and their ratio: parser and floor
 * alternate within each round so both see the same machine state, and the
 * fastest pass is the one least disturbed by the other work on the machine.
 */
function measure(pages: Page[]): { docket: number; floor: number; ratio: number } {
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    pass(pages, docket);
    pass(pages, floor);
  }
  const times = { docket: [] as number[], floor: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    times.docket.push(pass(pages, docket));
    times.floor.push(pass(pages, floor));
  }
  const best = { docket: Math.min(...times.docket), floor: Math.min(...times.floor) };
  return { ...best, ratio: best.docket / best.floor };
}

const pad = (text: string, width: number) => text.padStart(width);
const { loadavg } = await import("node:os");
const load1 = () => loadavg()[0]?.toFixed(1);
console.log(`parse CPU time per page — fastest of ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds`);
console.log(`Node ${process.version}, load average ${load1()} at start`);
console.log("floor: TextDecoder(page charset) + cheerio/slim load (htmlparser2) of the same bytes, same run\n");
console.log(
  `${"set".padEnd(22)} ${pad("pages", 5)} ${pad("KB/page", 8)} │ ${pad("docket ms", 10)} ${pad("floor ms", 9)} │ ${pad("ratio", 6)}`,
);
console.log("─".repeat(72));

const all = loadPages();
const rows: [string, Page[]][] = [];
for (const { name: set } of GOLDEN_SETS) {
  for (const format of ["html", "text"] as const) {
    rows.push([`${set} ${format}`, all.filter((p) => p.name.startsWith(`${set}/`) && p.format === format)]);
  }
}
rows.push(["all html", all.filter((p) => p.format === "html")], ["all text", all.filter((p) => p.format === "text")]);
for (const [label, pages] of rows) {
  if (pages.length === 0) continue;
  const kb = pages.reduce((sum, p) => sum + p.bytes.length, 0) / 1024 / pages.length;
  const t = measure(pages);
  const perPage = (seconds: number) => ((seconds * 1000) / pages.length).toFixed(2);
  if (label.startsWith("all")) console.log("─".repeat(72));
  console.log(
    `${label.padEnd(22)} ${pad(String(pages.length), 5)} ${pad(kb.toFixed(1), 8)} │ ${pad(perPage(t.docket), 10)} ${pad(perPage(t.floor), 9)} │ ${pad(t.ratio.toFixed(2), 5)}×`,
  );
}
console.log(`\nload average ${load1()} at the end`);
console.log("ratio = parser time ÷ floor time on the same pages, fastest rounds (goal for HTML: within 2×).");
