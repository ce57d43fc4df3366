/**
 * Bounds the DynamoDB round trips one request may make. A selective filter
 * on a large partition, or a month walk over empty years, could otherwise
 * run into the function timeout; past the budget the page is answered with
 * what was found so far and a cursor that resumes exactly there (a page may
 * then hold fewer than `limit` items, even none, while `cursor` is not null).
 */
export class RoundTripBudget {
  private spent = 0;

  constructor(readonly max: number) {}

  /** True once every round trip is taken. */
  get exhausted(): boolean {
    return this.spent >= this.max;
  }

  /** Takes one round trip; false when none is left. */
  take(): boolean {
    if (this.spent >= this.max) return false;
    this.spent += 1;
    return true;
  }
}

/**
 * 30 sequential round trips of ~10–20 ms stay well inside the 10 s function
 * timeout while letting a filter examine ~6,000 index items per page.
 */
export const ROUND_TRIPS_PER_REQUEST = 30;
