import type { APIGatewayProxyEvent } from "aws-lambda";

/**
 * How the web app reads records: the query API's own contract (paths,
 * parameters, JSON answers), called in-process through the API's handler,
 * so the web app validates, paginates and filters exactly as the API does
 * and never holds, or hands a browser, an API key.
 */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type QueryApi = (path: string, query?: Record<string, string | undefined>) => Promise<ApiAnswer>;

/** The API's error body, when an answer is one. */
export function apiError(answer: ApiAnswer): { code: string; message: string; parameter?: string } | undefined {
  return (answer.body as { error?: { code: string; message: string; parameter?: string } } | null)?.error;
}

/** A QueryApi over a function taking REST proxy events, as the query-api handler does. */
export function inProcessQueryApi(invoke: (event: APIGatewayProxyEvent) => Promise<unknown>): QueryApi {
  return async (path, query = {}) => {
    const parameters = Object.fromEntries(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
    );
    const hasQuery = Object.keys(parameters).length > 0;
    const event = {
      httpMethod: "GET",
      path,
      resource: path,
      headers: {},
      multiValueHeaders: {},
      queryStringParameters: hasQuery ? parameters : null,
      multiValueQueryStringParameters: hasQuery
        ? Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, [value]]))
        : null,
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {},
    } as unknown as APIGatewayProxyEvent;
    const result = (await invoke(event)) as { statusCode: number; body?: string };
    return { status: result.statusCode, body: result.body ? (JSON.parse(result.body) as unknown) : null };
  };
}
