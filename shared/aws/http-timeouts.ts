/**
 * How long an SDK call may wait on the network before it fails. The SDK's own
 * default is to wait forever: one stalled connection would hold a function
 * until its Lambda timeout, failing the whole batch and charging every message
 * in it a receive. A call that times out fails with a TimeoutError, which the
 * SDK's retry strategy treats as transient and retries on a fresh connection.
 */
export interface HttpTimeouts {
  /** Opening the TCP (and TLS) connection; in-region this takes milliseconds. */
  connectionMs: number;
  /**
   * The longest silence on an open connection, sending or receiving. Not a
   * limit on the whole call: a large object streams for as long as its bytes
   * keep coming.
   */
  idleMs: number;
}

/**
 * Per service. The SDK makes three attempts, backing off at most 0.2 s and
 * then 0.4 s between them, so a call that stalls on every attempt fails after
 * at most 3 × (connection + idle) + 0.6 s.
 * - DynamoDB and Secrets Manager answer in milliseconds, and query-api (10 s,
 *   the shortest function timeout) calls them: 3 × 2.5 s + 0.6 s ends inside
 *   it, with an error the handler can report.
 * - S3, SQS and SNS are parse-page's: it parses one page while its calls for
 *   the others are in flight, and a silence timer cannot see bytes that
 *   arrived while the event loop was busy, so their idle limit outlasts a
 *   page's whole parse budget (PARSE_BUDGET_MS, 4.8 s); under 6 s, as the
 *   handler arms a longer idle limit only 3 s after connecting. That also
 *   leaves S3 room for the first byte of a large object or its answer to an
 *   upload of several megabytes. 3 × 6.5 s + 0.6 s ends inside
 *   store-record's 30 s and parse-page's 60 s (query-api's S3 reads are small
 *   record bodies). A page of tens of megabytes streams on well past any idle
 *   limit, which only bounds the gaps.
 */
export const HTTP_TIMEOUTS = {
  s3: { connectionMs: 1_000, idleMs: 5_500 },
  sqs: { connectionMs: 1_000, idleMs: 5_500 },
  sns: { connectionMs: 1_000, idleMs: 5_500 },
  dynamodb: { connectionMs: 1_000, idleMs: 1_500 },
  secretsManager: { connectionMs: 1_000, idleMs: 1_500 },
} as const satisfies Record<string, HttpTimeouts>;

/**
 * The client's `requestHandler` option, as the options of the SDK's Node HTTP
 * handler (which builds its keep-alive agents as before). In this handler
 * (@smithy/node-http-handler 4.x) `socketTimeout` is the idle timeout;
 * `requestTimeout` is the time to the response headers, and only a warning
 * unless `throwOnRequestTimeout` is set, so it is not used.
 */
export function requestHandlerOptions(timeouts: HttpTimeouts): { connectionTimeout: number; socketTimeout: number } {
  return { connectionTimeout: timeouts.connectionMs, socketTimeout: timeouts.idleMs };
}
