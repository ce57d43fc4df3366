import { ENV, optionalEnv, requireEnv } from "../config/env";
import { checkMaxPageBytes, DEFAULT_MAX_PAGE_BYTES, PARSE_BUDGET_MS } from "../config/resources";

/** What parse-page reads from its environment, read once per container; fails naming a missing variable. */
export function parsePageConfig(env: NodeJS.ProcessEnv = process.env) {
  const maxPageBytes = checkMaxPageBytes(Number(optionalEnv(ENV.maxPageBytes, String(DEFAULT_MAX_PAGE_BYTES), env)));
  return {
    recordsQueueUrl: requireEnv(ENV.recordsQueueUrl, env),
    artifactsBucket: requireEnv(ENV.artifactsBucket, env),
    topicArn: requireEnv(ENV.ingestTopicArn, env),
    maxPageBytes,
    parseBudgetMs: PARSE_BUDGET_MS,
  };
}

/** What store-record reads from its environment. */
export function storeRecordConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    tableName: requireEnv(ENV.tableName, env),
    artifactsBucket: requireEnv(ENV.artifactsBucket, env),
    topicArn: requireEnv(ENV.ingestTopicArn, env),
    pageEventsQueueUrl: requireEnv(ENV.pageEventsQueueUrl, env),
    recordsQueueUrl: requireEnv(ENV.recordsQueueUrl, env),
  };
}
