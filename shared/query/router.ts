import type { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { ALLOWED_METHODS, API_ROUTES, type ApiPath } from "../config/api-routes";
import { BadParameterError, NotFoundError } from "../errors";
import { type MeetingRecord, meetingRecordSchema } from "../record/record-schema";
import { errorResponse, jsonResponse, preflightResponse } from "./api-response";
import type { CountSource } from "./counts-cache";
import { listMeetings, type MeetingListDeps } from "./meeting-query-service";
import { meetingStats } from "./meeting-stats-service";
import { parsePersonName } from "./normalise-name";
import { parseMeetingQuery } from "./parse-meeting-query";
import { getPerson } from "./people-service";
import { parseLimit, readQueryParameters } from "./query-parameters";
import { regionCounts } from "./region-counts-service";
import { AmbiguousRegionError } from "./resolve-region";
import { isThrottling } from "./throttling";

export interface ApiDeps extends MeetingListDeps {
  readRecord: (id: string) => Promise<MeetingRecord | null>;
  /** the counting pass GET /stats and GET /regions share (countMeetings, cached per container) */
  counts: CountSource;
  /** served as GET /openapi.json (the document lives beside the handler) */
  openApi: unknown;
}

export type ApiLogger = Pick<Logger, "error" | "warn">;

/**
 * Checks the request (synchronously, so bad input is a 400 whatever the
 * state of the backend) and returns the work that answers it.
 */
type Answer = (
  query: Map<string, string>,
  pathParameters: Record<string, string>,
) => (deps: ApiDeps) => Promise<APIGatewayProxyResult>;

export interface Route {
  /** OpenAPI path template */
  path: string;
  queryParameters: readonly string[];
  answer: Answer;
}

function parseRecordId(id: string): string {
  if (!meetingRecordSchema.shape.id.safeParse(id).success) {
    throw new BadParameterError("id", `must be rec_ followed by 20 lowercase hex digits, got "${id}"`);
  }
  return id;
}

/** Longer than any region's full name. */
const MAX_REGION_MATCH_LENGTH = 64;

function parseRegionMatch(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length > MAX_REGION_MATCH_LENGTH || /\p{Cc}/u.test(raw) || raw.trim() === "") {
    throw new BadParameterError(
      "name",
      `must be part of a region name or code, 1 to ${MAX_REGION_MATCH_LENGTH} characters`,
    );
  }
  return raw;
}

/** How each route of API_ROUTES is answered; a route without an answer does not compile. */
const ANSWERS: Record<ApiPath, Answer> = {
  "/meetings": (query) => {
    const meetings = parseMeetingQuery(query);
    return async (deps) => jsonResponse(200, await listMeetings(deps, meetings));
  },
  "/meetings/{id}": (_query, path) => {
    const id = parseRecordId(path.id ?? "");
    return async (deps) => {
      const record = await deps.readRecord(id);
      if (!record) throw new NotFoundError(`no meeting record ${id}`);
      return jsonResponse(200, record);
    };
  },
  "/people/{name}": (query, path) => {
    const person = {
      name: parsePersonName(path.name ?? "", "name"),
      limit: parseLimit(query.get("limit")),
      cursor: query.get("cursor"),
    };
    return async (deps) => jsonResponse(200, await getPerson(deps, person));
  },
  "/stats": (query) => {
    const { limit: _limit, cursor: _cursor, ...filters } = parseMeetingQuery(query);
    return async (deps) => jsonResponse(200, meetingStats(await deps.counts(filters)));
  },
  "/regions": (query) => {
    const { limit: _limit, cursor: _cursor, region: _region, ...filters } = parseMeetingQuery(query);
    const name = parseRegionMatch(query.get("name"));
    return async (deps) => jsonResponse(200, regionCounts(await deps.counts(filters), name));
  },
  "/openapi.json": () => async (deps) => jsonResponse(200, deps.openApi),
};

export const ROUTES: readonly Route[] = API_ROUTES.map((route) => ({
  path: route.path,
  queryParameters: route.queryParameters,
  answer: ANSWERS[route.path],
}));

interface Match {
  route: Route;
  /** raw (still percent-encoded) path parameters */
  rawParameters: Record<string, string>;
}

function matchRoute(path: string): Match | undefined {
  const segments = path.replace(/\/+$/, "").split("/");
  for (const route of ROUTES) {
    const pattern = route.path.split("/");
    if (pattern.length !== segments.length) continue;
    const rawParameters: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? "";
      if (part.startsWith("{")) {
        rawParameters[part.slice(1, -1)] = segment;
        return segment !== "";
      }
      return part === segment;
    });
    if (matches) return { route, rawParameters };
  }
  return undefined;
}

/**
 * API Gateway hands REST proxy path parameters over still percent-encoded
 * (/people/%E6%9D%8E…), while a test or the local runtime may pass them
 * decoded; decoding a decoded name is harmless unless it holds a `%`, which
 * no personal name or record id does.
 */
function decodePathParameters(raw: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      decoded[name] = decodeURIComponent(value);
    } catch {
      throw new BadParameterError(name, "is not valid percent-encoded UTF-8");
    }
  }
  return decoded;
}

function errorToResponse(error: unknown, logger: ApiLogger, event: APIGatewayProxyEvent): APIGatewayProxyResult {
  if (error instanceof AmbiguousRegionError) {
    const candidates = error.candidates.map(({ code, name }) => ({ code, name }));
    return errorResponse(400, {
      code: "bad_parameter",
      message: error.message,
      parameter: error.parameter,
      candidates,
    });
  }
  if (error instanceof BadParameterError) {
    return errorResponse(400, { code: "bad_parameter", message: error.message, parameter: error.parameter });
  }
  if (error instanceof NotFoundError) return errorResponse(404, { code: "not_found", message: error.message });
  if (isThrottling(error)) {
    // Our table is over capacity, not the caller's quota (that is API Gateway's 429): a 503 the client may retry.
    logger.warn("DynamoDB throttled the request", { error, method: event.httpMethod, path: event.path });
    return errorResponse(
      503,
      { code: "unavailable", message: "temporarily over capacity; retry shortly" },
      { "Retry-After": "1" },
    );
  }
  logger.error("request failed", { error, method: event.httpMethod, path: event.path });
  return errorResponse(500, { code: "internal", message: "internal error" });
}

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/**
 * The whole API as one function of a REST proxy event. Dependencies are
 * built on the first request, once per container, inside the error
 * boundary: a missing setting becomes a logged 500 JSON, not a crash.
 */
export function createApiHandler(loadDeps: () => ApiDeps, logger: ApiLogger): ApiHandler {
  let deps: ApiDeps | undefined;
  return async (event) => {
    try {
      const match = matchRoute(event.path ?? "");
      if (!match) {
        return errorResponse(404, { code: "not_found", message: `no such route: ${event.httpMethod} ${event.path}` });
      }
      if (event.httpMethod === "OPTIONS") return preflightResponse();
      if (event.httpMethod !== "GET") {
        return errorResponse(
          405,
          { code: "method_not_allowed", message: `${event.httpMethod} is not allowed on ${match.route.path}; use GET` },
          { Allow: ALLOWED_METHODS },
        );
      }
      const pathParameters = decodePathParameters(match.rawParameters);
      const query = readQueryParameters(event, match.route.queryParameters);
      const answer = match.route.answer(query, pathParameters);
      deps ??= loadDeps();
      return await answer(deps);
    } catch (error) {
      return errorToResponse(error, logger, event);
    }
  };
}
