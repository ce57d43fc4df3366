/**
 * DynamoDB's ways of saying "slow down" (by error name, so the emulator's
 * errors classify too). The SDK has already retried these with backoff by
 * the time one reaches us.
 */
const THROTTLING_ERRORS = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
]);

export function isThrottling(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $retryable } = error as { name?: string; $retryable?: { throttling?: boolean } };
  return (name !== undefined && THROTTLING_ERRORS.has(name)) || $retryable?.throttling === true;
}
