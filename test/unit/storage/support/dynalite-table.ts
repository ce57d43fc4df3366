import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import dynalite from "dynalite";
import { createTable } from "../../../../infra/local/create-local-resources";

export interface RequestHooks {
  before?: (command: string, input: Record<string, unknown>) => void | Promise<void>;
  after?: (command: string, input: Record<string, unknown>) => void | Promise<void>;
  /**
   * Around each attempt the SDK sends, below its retry step, with the request's JSON: it may send the
   * attempt (`send`, at most once) and then fail it, as an answer lost on its way back, or fail it
   * unsent; the SDK retries either as it would a timeout. Returning without sending sends it.
   */
  attempt?: (command: string, body: string, send: () => Promise<void>) => Promise<void>;
}

/** What an attempt fails with when its answer is lost: the SDK retries it. */
export function lostAnswer(message = "the answer never came"): Error {
  return Object.assign(new Error(message), { name: "TimeoutError" });
}

/** The JSON a request carries, as the SDK's middleware sees it (text or bytes). */
function requestText(request: unknown): string {
  const body = (request as { body?: unknown }).body;
  return typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : "";
}

/**
 * A real (emulated) table: dynalite in process, with the single table's key
 * schema. It refuses what DynamoDB refuses (an item over 400 KB, a bad
 * condition) and bills writes as DynamoDB does, so tests can count units.
 */
export async function dynaliteTable(tableName = "docket") {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await createTable(client, tableName);
  const writes: { command: string; sk: string | undefined; units: number }[] = [];
  const requests: string[] = [];
  const hooks: RequestHooks = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const command = String(context.commandName);
      requests.push(command.replace(/Command$/, ""));
      await hooks.before?.(command, input);
      input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      await hooks.after?.(command, input);
      if (/^(Put|Update|Delete|BatchWrite)/.test(command)) {
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        const entries = (Array.isArray(consumed) ? consumed : [consumed]) as { CapacityUnits?: number }[];
        // before or after the document client marshals it
        const sk = ((input.Item ?? input.Key) as { sk?: string | { S?: string } } | undefined)?.sk;
        writes.push({
          command,
          sk: typeof sk === "string" ? sk : sk?.S,
          units: entries.reduce((sum, entry) => sum + (entry?.CapacityUnits ?? 0), 0),
        });
      }
      return result;
    },
    { step: "initialize", name: "countWriteUnits" },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const attempt = hooks.attempt;
      if (!attempt) return next(args);
      let answer: Awaited<ReturnType<typeof next>> | undefined;
      await attempt(String(context.commandName), requestText(args.request), async () => {
        answer = await next(args);
      });
      return answer ?? next(args);
    },
    { step: "deserialize", name: "attemptHook" },
  );
  const ddb = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    ddb,
    tableName,
    /** every write request made, with the sort key it wrote (single-item writes) and its units */
    writes,
    /** every request made, by operation (GetItem, BatchGetItem, ...), in order */
    requests,
    /** run around each request: `before` may fail it, `after` may act between its answer and the caller */
    hooks,
    async partition(pk: string): Promise<Record<string, unknown>[]> {
      const result = await ddb.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": pk },
        }),
      );
      return result.Items ?? [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
