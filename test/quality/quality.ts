import { GOLDEN_SETS, goldenPages } from "./golden-pages";
import { pageLine, percent, scoreLines, scorePage, tally } from "./score-pages";

/**
 * `npm run quality [-- --verbose] [-- --set NAME]`: every golden page through
 * the parser, scored per fixture set in the form of the team's score.mjs
 * (a line per page with --verbose, a line per field family, then the total).
 * Exit status 1 when a set is below its floor, as the golden test would fail.
 */

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const only = args.includes("--set") ? args[args.indexOf("--set") + 1] : undefined;

const pages = goldenPages();
let belowFloor = false;
for (const set of GOLDEN_SETS) {
  if (only && set.name !== only) continue;
  const results = pages.filter((p) => p.set === set.name).map(scorePage);
  const score = percent(tally(results).total);
  console.log(`\n## ${set.name}: ${set.description} (floor ${set.floor}%)`);
  if (verbose) for (const result of results) console.log(pageLine(result, true));
  for (const line of scoreLines(results)) console.log(line);
  if (score < set.floor) {
    belowFloor = true;
    console.log(`BELOW FLOOR: ${score.toFixed(1)}% < ${set.floor}%`);
  }
}
process.exitCode = belowFloor ? 1 : 0;
