import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { clientOptions } from "../aws/client-options";
import { s3Client } from "../aws/clients";
import { documentClient } from "../aws/document-client";
import { HTTP_TIMEOUTS } from "../aws/http-timeouts";
import { ENV, requireEnv } from "../config/env";
import { tracer } from "../observability/tracer";
import { readRecord } from "../storage/record-reader";
import { cachedCounts } from "./counts-cache";
import { cursorKeyFromEnvironment } from "./cursor-key";
import { countMeetings } from "./meeting-counts-service";
import type { ApiDeps } from "./router";

let secrets: SecretsManagerClient | undefined;

/** Built only in the cloud, where the cursor key is a secret; never locally. */
function secretsClient(): SecretsManagerClient {
  secrets ??= tracer.captureAWSv3Client(new SecretsManagerClient(clientOptions(HTTP_TIMEOUTS.secretsManager)));
  return secrets;
}

/** The query API's dependencies from the environment; the handler builds them once per container, on its first request. */
export function apiDepsFromEnvironment(openApi: unknown, env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const tableName = requireEnv(ENV.tableName, env);
  const artifactsBucket = requireEnv(ENV.artifactsBucket, env);
  const ddb = documentClient(env);
  const s3 = s3Client(env);
  const list = { ddb, tableName, cursorKey: cursorKeyFromEnvironment(secretsClient, env) };
  return {
    ...list,
    readRecord: (id) => readRecord({ ddb, s3, tableName, artifactsBucket }, id),
    counts: cachedCounts((query) => countMeetings(list, query)),
    openApi,
  };
}
