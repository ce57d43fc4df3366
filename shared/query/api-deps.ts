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

/** What the list, people and count routes read: the table's index items and the cursor key, no S3. */
function tableDepsFromEnvironment(env: NodeJS.ProcessEnv) {
  const tableName = requireEnv(ENV.tableName, env);
  const list = { ddb: documentClient(env), tableName, cursorKey: cursorKeyFromEnvironment(secretsClient, env) };
  return { ...list, counts: cachedCounts((query) => countMeetings(list, query)) };
}

/** The query API's dependencies from the environment; the handler builds them once per container, on its first request. */
export function apiDepsFromEnvironment(openApi: unknown, env: NodeJS.ProcessEnv = process.env): ApiDeps {
  const table = tableDepsFromEnvironment(env);
  const artifactsBucket = requireEnv(ENV.artifactsBucket, env);
  const s3 = s3Client(env);
  const { ddb, tableName } = table;
  return { ...table, readRecord: (id) => readRecord({ ddb, s3, tableName, artifactsBucket }, id), openApi };
}

/** A whole record asked of a function that reads lists only. */
export class RecordReadsNotServedError extends Error {
  constructor() {
    super("this function reads lists only: a whole record is the query API's or the web pages' to read");
    this.name = "RecordReadsNotServedError";
  }
}

/**
 * The dependencies of a function that reads the API's lists only (the
 * downloads, GET /meetings): the table and the cursor key, so neither the
 * S3 client nor the OpenAPI document is in its bundle and it needs no
 * grant on the artifacts bucket. A record read fails with a clear error
 * (the router answers it 500), never with a missing bucket.
 */
export function listApiDepsFromEnvironment(env: NodeJS.ProcessEnv = process.env): ApiDeps {
  return {
    ...tableDepsFromEnvironment(env),
    readRecord: async () => {
      throw new RecordReadsNotServedError();
    },
    openApi: null,
  };
}
