/**
 * Calls the query API as any client would: over HTTP, with the stage's API
 * key when there is one. A non-2xx answer becomes an ApiError carrying the
 * API's {"error": {"code", "message", "parameter"}}.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function getJson<T>(
  apiUrl: string,
  path: string,
  query: Record<string, string | undefined>,
  apiKey?: string,
): Promise<T> {
  const url = new URL(`${apiUrl}${path}`);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: apiKey ? { "x-api-key": apiKey } : {} });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(response.status, "not_json", `${response.status} from ${url.origin}: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; parameter?: string } }).error ?? {};
    const where = error.parameter ? ` (parameter ${error.parameter})` : "";
    throw new ApiError(
      response.status,
      error.code ?? "error",
      `${response.status} ${error.message ?? text}${where}`,
      error.parameter,
    );
  }
  return body as T;
}
