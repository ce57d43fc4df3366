import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "../observability/tracer";
import { clientOptions } from "./client-options";
import { regionOf } from "./clients";
import { HTTP_TIMEOUTS, type HttpTimeouts } from "./http-timeouts";

/** The document client over a traced DynamoDB client; undefined attributes are dropped, not refused. */
export function documentClient(
  env: NodeJS.ProcessEnv = process.env,
  timeouts: HttpTimeouts = HTTP_TIMEOUTS.dynamodb,
): DynamoDBDocumentClient {
  const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({ region: regionOf(env), ...clientOptions(timeouts) }));
  return DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
}
