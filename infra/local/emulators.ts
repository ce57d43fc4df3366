import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";

/**
 * The emulators, in-process on loopback: fauxqs (S3, SQS, SNS) and dynalite
 * (DynamoDB, in memory). fauxqs is built with buildApp rather than
 * startFauxqs, which would listen on every interface.
 */
export interface Emulators {
  /** fauxqs: S3, SQS, SNS */
  fauxqsUrl: string;
  dynamodbUrl: string;
  stop(): Promise<void>;
}

export async function startEmulators(host = "127.0.0.1"): Promise<Emulators> {
  const fauxqs = buildApp({ logger: false });
  const fauxqsUrl = await fauxqs.listen({ port: 0, host });

  // Tables become ACTIVE at once; the stack's table is ready when deploy ends, too.
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamo.once("error", reject);
    dynamo.listen(0, host, () => resolve());
  });
  const { port } = dynamo.address() as AddressInfo;

  return {
    fauxqsUrl,
    dynamodbUrl: `http://${host}:${port}`,
    async stop() {
      await fauxqs.close();
      await new Promise<void>((resolve) => {
        dynamo.close(() => resolve());
        dynamo.closeAllConnections();
      });
    },
  };
}
