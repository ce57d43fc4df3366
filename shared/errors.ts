/**
 * Typed errors shared by every Lambda. A page that cannot be parsed is not an
 * error at all (see parse/parse-outcome.ts): it is a domain outcome that ends
 * in a page.rejected notification, never a retry.
 */

/** A failure of infrastructure (throttling, network, a 5xx): the message is retried. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TransientError";
  }
}

/** A message that can never succeed (malformed JSON, wrong shape): it is not retried. */
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
