/**
 * Typed errors shared by every Lambda. A page that cannot be parsed is not an
 * error at all (see parse/parse-outcome.ts): it is a domain outcome that ends
 * in a page.rejected notification, never a retry.
 */

/**
 * Docket's own give-up on a condition that time should clear (DynamoDB kept
 * items unprocessed, a concurrent writer held a record's mark): thrown instead
 * of waiting longer, so the message fails alone and is redelivered after its
 * visibility timeout. Services log it as a warning, not an error: it is
 * expected under load and ends in a DLQ only if it persists for every receive.
 */
export class TransientError extends Error {
  /**
   * The longest the condition can last, when known: a writer's mark is taken
   * over once it is this old, even if its writer died holding it.
   */
  readonly settlesWithinMs?: number;

  constructor(message: string, options?: { cause?: unknown; settlesWithinMs?: number }) {
    super(message, options);
    this.name = "TransientError";
    if (options?.settlesWithinMs !== undefined) this.settlesWithinMs = options.settlesWithinMs;
  }
}

/**
 * A message that can never succeed (malformed JSON, wrong shape). Retrying
 * cannot fix it, but it is still failed rather than consumed: its retries end
 * in the DLQ, where it is kept as evidence (and counted) instead of vanishing.
 */
export class MalformedMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MalformedMessageError";
  }
}

/** A request parameter the API cannot accept: answered with a 400 naming it. */
export class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
    this.name = "BadParameterError";
  }
}

/** A resource the API does not have: answered with a 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/**
 * Input a caller handed over that cannot be used as given (a malformed
 * manifest line, one source URL for many files): a usage problem, reported
 * to the person who made it rather than retried.
 */
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadInputError";
  }
}
