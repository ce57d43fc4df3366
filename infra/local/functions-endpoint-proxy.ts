import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { FaultInjector } from "./fault-injector";
import { type ListeningServer, listen } from "./listen-on-loopback";
import { answerS3Error } from "./s3-error-response";
import { isS3ObjectRead } from "./s3-write-request";

/**
 * The functions' own AWS endpoint, started only when a test or the chaos
 * bench asks for what AWS does to the functions' calls and the emulators do
 * not: fail some of them (`faults`), or answer a read of a missing object 403
 * as S3 answers roles that may list only under a prefix. It forwards every
 * request to the advertised endpoint (aws-endpoint.ts), which serves S3, SQS,
 * SNS and DynamoDB and announces writes under raw/ as for any client.
 */
export interface FunctionsEndpointOptions {
  host: string;
  port: number;
  /** The advertised AWS endpoint. */
  upstream: string;
  /** Chaos (local runtime, `faults` option only): answers a seeded fraction of requests with AWS errors. */
  faults?: FaultInjector | undefined;
  /**
   * Answer a read of a missing object (fauxqs: 404 NoSuchKey or NoSuchVersion) with 403 AccessDenied,
   * as S3 answers a caller not allowed s3:ListBucket on the whole bucket: the functions' roles may
   * list only under their prefixes.
   */
  denyMissingObjectReads?: boolean;
}

// Hop-by-hop headers are per connection; `expect` was already answered by this server.
const NOT_FORWARDED = new Set(["connection", "keep-alive", "expect", "transfer-encoding", "upgrade"]);

export async function startFunctionsEndpoint(options: FunctionsEndpointOptions): Promise<ListeningServer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const upstream = new URL(options.upstream);

  const server = http.createServer((req, res) => {
    const fault = options.faults?.decide({ method: req.method ?? "GET", headers: req.headers });
    if (fault) {
      res.writeHead(fault.statusCode, fault.headers);
      res.end(fault.body);
      req.resume();
      return;
    }
    // GetObject and HeadObject only: SQS, SNS and DynamoDB are POSTs.
    const denyMissing =
      options.denyMissingObjectReads === true && isS3ObjectRead(req.method ?? "GET", req.url ?? "/", req.headers);
    forward(req, res, upstream, agent, denyMissing);
  });
  // Long polls hold requests for up to 20 s; never time them out here.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;

  const listening = await listen(server, options.host, options.port);
  return {
    url: listening.url,
    close: async () => {
      await listening.close();
      agent.destroy();
    },
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  agent: http.Agent,
  denyMissing: boolean,
): void {
  // A chunked request stays chunked (Node re-chunks it); a sized one keeps content-length.
  const outgoing = http.request({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: withoutHopByHop(req.headers),
    agent,
  });
  outgoing.on("response", (incoming) => {
    if (denyMissing && incoming.statusCode === 404) {
      incoming.resume();
      answerS3Error(res, 403, "AccessDenied", "Access Denied");
      return;
    }
    res.writeHead(incoming.statusCode ?? 502, withoutHopByHop(incoming.headers));
    incoming.pipe(res);
  });
  outgoing.on("error", (error) => {
    if (res.headersSent) res.destroy();
    else answerS3Error(res, 503, "SlowDown", error.message);
  });
  req.pipe(outgoing);
}

function withoutHopByHop(headers: http.IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!NOT_FORWARDED.has(name) && value !== undefined) out[name] = value;
  }
  return out;
}
