import type { ServerResponse } from "node:http";
import { Writable } from "node:stream";

/** What ends the metadata of a streamed Lambda proxy response: eight NUL bytes. */
const DELIMITER = Buffer.alloc(8);
/** Metadata longer than this is not a prelude: the function wrote something else. */
const MAX_PRELUDE_BYTES = 64 * 1024;

/**
 * What API Gateway does with a streamed Lambda proxy response (response
 * transfer mode STREAM), played into a local HTTP response: the function's
 * stream starts with the metadata JSON ({statusCode, headers, cookies}) and
 * eight NUL bytes, which become the status line and headers; the rest is the
 * body, passed on as it comes, with the HTTP response's backpressure.
 */
export function streamedResponse(res: ServerResponse): Writable {
  let prelude: Buffer | undefined = Buffer.alloc(0);
  const send = (chunk: Buffer, callback: (error?: Error | null) => void) => {
    if (chunk.length === 0 || res.write(chunk)) callback();
    else res.once("drain", () => callback());
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (prelude === undefined) return send(chunk, callback);
      prelude = Buffer.concat([prelude, chunk]);
      const end = prelude.indexOf(DELIMITER);
      if (end < 0) {
        if (prelude.length > MAX_PRELUDE_BYTES) callback(new Error("streamed response without its metadata prelude"));
        else callback();
        return;
      }
      let metadata: { statusCode?: unknown; headers?: Record<string, string>; cookies?: string[] };
      try {
        metadata = JSON.parse(prelude.subarray(0, end).toString("utf8")) as typeof metadata;
      } catch (error) {
        callback(error as Error);
        return;
      }
      if (!Number.isInteger(metadata.statusCode)) {
        callback(new Error(`streamed response metadata without a statusCode: ${JSON.stringify(metadata)}`));
        return;
      }
      const body = prelude.subarray(end + DELIMITER.length);
      prelude = undefined;
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(metadata.headers ?? {})) headers[name.toLowerCase()] = String(value);
      if (metadata.cookies?.length) headers["set-cookie"] = metadata.cookies;
      res.writeHead(metadata.statusCode as number, headers);
      send(body, callback);
    },
    final(callback) {
      if (prelude !== undefined) callback(new Error("streamed response ended before its metadata prelude"));
      else res.end(() => callback());
    },
  });
}
