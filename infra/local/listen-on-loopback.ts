import type http from "node:http";
import type { AddressInfo } from "node:net";

export interface ListeningServer {
  url: string;
  /** Stops accepting, drops open (keep-alive, long-poll) connections, resolves once closed. */
  close: () => Promise<void>;
}

/** Starts a local HTTP server on host:port (0 for a free port) and says where it listens. */
export async function listen(server: http.Server, host: string, port: number): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
