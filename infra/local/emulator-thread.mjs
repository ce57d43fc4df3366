// The emulators' own thread (see emulators.ts): fauxqs and dynalite serve
// HTTP here, so their request handling does not compete with the functions
// on the main thread. Plain JavaScript: it runs without the TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";

const { host } = workerData;
const fauxqs = buildApp({ logger: false });
const fauxqsUrl = await fauxqs.listen({ port: 0, host });

// Tables become ACTIVE at once; the stack's table is ready when deploy ends, too.
const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
await new Promise((resolve, reject) => {
  dynamo.once("error", reject);
  dynamo.listen(0, host, resolve);
});

parentPort.on("message", async (message) => {
  if (message !== "stop") return;
  await fauxqs.close();
  await new Promise((resolve) => {
    dynamo.close(resolve);
    dynamo.closeAllConnections();
  });
  parentPort.postMessage("stopped");
});

parentPort.postMessage({ fauxqsUrl, dynamodbUrl: `http://${host}:${dynamo.address().port}` });
