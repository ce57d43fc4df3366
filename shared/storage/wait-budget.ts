import { setTimeout as delay } from "node:timers/promises";
import { FUNCTION_TIMEOUT_SECONDS } from "../config/resources";
import { TransientError } from "../errors";

/**
 * Waits inside a store-record invocation, bounded by the time it has left.
 * A delivery that would wait into its function's timeout fails instead: the
 * batch reports it (partial batch failure) and SQS delivers it again later,
 * rather than the whole batch timing out while it sleeps. The reserve keeps
 * a third of the timeout for the writes and notifications still to come.
 */
export interface WaitBudget {
  /** waits between retries (tests pass a no-op) */
  sleep?: (ms: number) => Promise<void>;
  /** milliseconds before the invocation times out (Lambda context getRemainingTimeInMillis); none: unbounded */
  remainingTimeMs?: () => number;
}

export const RESERVE_MS = (FUNCTION_TIMEOUT_SECONDS.storeRecord * 1000) / 3;

/** True while the invocation can still start work that may take up to `ms` plus the reserve. */
export function hasTimeFor(budget: WaitBudget, ms = 0): boolean {
  return (budget.remainingTimeMs?.() ?? Number.POSITIVE_INFINITY) - ms >= RESERVE_MS;
}

/** Sleeps `ms`, or throws TransientError (`why`) when that would eat into the reserve. */
export async function waitWithinBudget(budget: WaitBudget, ms: number, why: string): Promise<void> {
  if (!hasTimeFor(budget, ms)) {
    throw new TransientError(`${why}; not waiting into the function timeout, retry later`);
  }
  await (budget.sleep ?? delay)(ms);
}
