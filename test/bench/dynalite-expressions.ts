/**
 * dynalite's expression validation (validateExpressions: the PEG.js parsers) on the requests the
 * store sends per record, with new values each time, uncached and through the expression cache
 * the emulator thread installs (infra/local/dynalite-expression-cache.ts). Rounds alternate so
 * both see the same machine load. Prints µs per request and the ratio.
 *
 *   npx tsx test/bench/dynalite-expressions.ts [--requests 20000] [--rounds 5]
 */
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { dynaliteParsers, installDynaliteExpressionCache } from "../../infra/local/dynalite-expression-cache";

const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "20000" }, rounds: { type: "string", default: "5" } },
});
const REQUESTS = Number(args.requests);
const ROUNDS = Number(args.rounds);

const { validateExpressions } = createRequire(import.meta.url)("dynalite/validations") as {
  validateExpressions: (data: object) => string | undefined;
};

const S = (s: string) => ({ S: s });

/** The store's conditional writes (shared/storage/record-store.ts, content-claim.ts), values from i. */
const storeRequests: ((i: number) => object)[] = [
  () => ({ ConditionExpression: "attribute_not_exists(pk)" }),
  (i) => ({
    ConditionExpression:
      "objectVersion = :read AND attribute_not_exists(indexPendingSince) AND attribute_not_exists(pendingNotification) AND " +
      "((begins_with(objectVersion, :uri) AND objectVersion < :ov) OR " +
      "(NOT begins_with(objectVersion, :uri) AND eventVersion < :ev))",
    ExpressionAttributeValues: {
      ":read": S(`https://example.gov.cn/${i}#1`),
      ":uri": S(`https://example.gov.cn/${i}#`),
      ":ov": S(`https://example.gov.cn/${i}#2`),
      ":ev": S(`2024-05-01T10:00:${i % 60}Z`),
    },
  }),
  (i) => ({
    UpdateExpression: "SET indexPendingSince = :released",
    ConditionExpression: "objectVersion = :ov AND indexPendingSince = :since",
    ExpressionAttributeValues: { ":released": S(`${i}~released`), ":ov": S(`v${i}`), ":since": S(`${i}`) },
  }),
  (i) => ({
    UpdateExpression: "REMOVE indexPendingSince, indexMarkNonce, staleIndexKeys",
    ConditionExpression: "objectVersion = :ov AND indexPendingSince = :since",
    ExpressionAttributeValues: { ":ov": S(`v${i}`), ":since": S(`${i}`) },
  }),
  (i) => ({
    UpdateExpression: "SET #released = :yes",
    ConditionExpression: "recordId = :me AND #token = :token",
    ExpressionAttributeNames: { "#released": "released", "#token": "token" },
    ExpressionAttributeValues: { ":yes": { BOOL: true }, ":me": S(`record-${i}`), ":token": S(`token-${i}`) },
  }),
];

const requests = Array.from({ length: REQUESTS }, (_, i) => storeRequests[i % storeRequests.length]?.(i) ?? {});

function timeMs(): number {
  const start = process.hrtime.bigint();
  for (const request of requests) {
    const error = validateExpressions({ ...request });
    if (error) throw new Error(error);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const parsers = dynaliteParsers();
const uncached = Object.fromEntries(Object.entries(parsers).map(([name, parser]) => [name, parser.parse]));
const installed = installDynaliteExpressionCache();
const cached = Object.fromEntries(Object.entries(parsers).map(([name, parser]) => [name, parser.parse]));
const use = (parses: typeof uncached) => {
  for (const [name, parser] of Object.entries(parsers)) parser.parse = parses[name] ?? parser.parse;
};

const totals = { uncached: 0, cached: 0 };
for (let round = 0; round <= ROUNDS; round++) {
  use(uncached);
  const u = timeMs();
  use(cached);
  const c = timeMs();
  // Round 0 warms both up (JIT, and the cache's first parse of each expression).
  if (round === 0) continue;
  totals.uncached += u;
  totals.cached += c;
}
installed.uninstall();

const perRequestUs = (ms: number) => ((ms * 1000) / (REQUESTS * ROUNDS)).toFixed(1);
const { hits, misses, bypassed } = installed.caches.conditionParser;
console.log(`validateExpressions, ${REQUESTS} store requests x ${ROUNDS} rounds (after a warm-up round):`);
console.log(`  uncached: ${perRequestUs(totals.uncached)} µs/request`);
console.log(`  cached:   ${perRequestUs(totals.cached)} µs/request`);
console.log(`  ratio:    ${(totals.uncached / totals.cached).toFixed(1)}x faster`);
console.log(`  condition parser cache: ${hits} hits, ${misses} misses, ${bypassed} bypassed`);
