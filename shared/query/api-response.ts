import type { APIGatewayProxyResult } from "aws-lambda";

/**
 * Every answer the API gives, success or error, goes through here, so each
 * one carries the same content type and CORS headers (browsers drop a
 * response without Access-Control-Allow-Origin, errors included, and the
 * caller then sees a CORS failure instead of our message).
 */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, X-Api-Key",
  "Access-Control-Max-Age": "600",
} as const;

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export type ErrorCode = "bad_parameter" | "not_found" | "method_not_allowed" | "internal" | "unavailable";

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    parameter?: string;
    candidates?: { code: string; name: string }[];
  };
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...CORS_HEADERS, "Content-Type": JSON_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(
  statusCode: number,
  error: ErrorBody["error"],
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return jsonResponse(statusCode, { error } satisfies ErrorBody, headers);
}

/** The preflight answer: no body, just the CORS grant. */
export function preflightResponse(): APIGatewayProxyResult {
  return { statusCode: 204, headers: { ...CORS_HEADERS }, body: "" };
}
