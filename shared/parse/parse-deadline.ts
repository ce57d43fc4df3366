/**
 * The parser's time budget. A page may be built to be slow (a regex fed
 * exactly what it is worst at); every step is linear, so a parse always
 * progresses, and the stages and their loops call `checkDeadline()` so an
 * over-budget parse stops at the next checkpoint instead of holding the whole
 * batch until the function times out. parsePage turns the stop into a
 * `too-complex` rejection.
 *
 * Module state rather than a parameter threaded through every function: the
 * parser is synchronous, so at most one parse runs per thread at a time.
 */

export class ParseBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`the page took more than ${budgetMs} ms to parse`);
    this.name = "ParseBudgetExceeded";
  }
}

/** Clock reads are cheap but not free: a checkpoint reads it once in this many calls. */
const CALLS_PER_CLOCK_READ = 64;

let deadline = Number.POSITIVE_INFINITY;
let budget = 0;
let calls = 0;

/** Runs `parse` with a budget of `budgetMs` (none when undefined); nested budgets are not supported. */
export function withDeadline<T>(budgetMs: number | undefined, parse: () => T): T {
  if (budgetMs === undefined) return parse();
  deadline = performance.now() + budgetMs;
  budget = budgetMs;
  calls = 0;
  try {
    return parse();
  } finally {
    deadline = Number.POSITIVE_INFINITY;
  }
}

/** Throws ParseBudgetExceeded once the running parse is over its budget. */
export function checkDeadline(): void {
  if (deadline === Number.POSITIVE_INFINITY || ++calls % CALLS_PER_CLOCK_READ !== 0) return;
  if (performance.now() > deadline) throw new ParseBudgetExceeded(budget);
}

/** The same, reading the clock every time: for stage boundaries, where the calls are few. */
export function checkDeadlineNow(): void {
  if (deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline) throw new ParseBudgetExceeded(budget);
}
