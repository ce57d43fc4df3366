import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTable } from "../../infra/local/create-local-resources";
import { type Emulators, startEmulators } from "../../infra/local/emulators";
import { LOCAL_CREDENTIALS } from "../../shared/config/local-state-file";

/**
 * dynalite on the emulator thread, with its parsed expressions cached: requests repeating an
 * expression with new values write those values, fail their conditions, and are refused with
 * DynamoDB's messages exactly as the first one of their kind.
 */
const TABLE = "docket";
let emulators: Emulators;
let ddb: DynamoDBDocumentClient;

beforeAll(async () => {
  emulators = await startEmulators();
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: emulators.dynamodbUrl,
    credentials: LOCAL_CREDENTIALS,
  });
  await createTable(client, TABLE);
  ddb = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  await emulators?.stop();
});

const key = (id: string) => ({ pk: `RECORD#${id}`, sk: "RECORD" });

/** The store's pattern: create if absent, then update while the version read still holds. */
async function createThenUpdate(id: string, title: string): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...key(id), objectVersion: `${id}#1` },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: key(id),
      UpdateExpression: "SET #title = :title, objectVersion = :next ADD deliveries :one",
      ConditionExpression: "objectVersion = :read AND begins_with(objectVersion, :id)",
      ExpressionAttributeNames: { "#title": "title" },
      ExpressionAttributeValues: { ":title": title, ":next": `${id}#2`, ":one": 1, ":read": `${id}#1`, ":id": id },
    }),
  );
}

describe("dynalite's expression cache on the emulator thread", () => {
  it("writes each request's own values when the expressions repeat", async () => {
    const before = (await emulators.usage()).expressionCache;
    for (const [id, title] of [
      ["a", "常委会第一次会议"],
      ["b", "常委会第二次会议"],
      ["c", "常委会第三次会议"],
    ] as const) {
      await createThenUpdate(id, title);
    }

    for (const [id, title] of [
      ["a", "常委会第一次会议"],
      ["b", "常委会第二次会议"],
      ["c", "常委会第三次会议"],
    ] as const) {
      const { Item } = await ddb.send(new GetCommand({ TableName: TABLE, Key: key(id) }));
      expect(Item).toEqual({ ...key(id), title, objectVersion: `${id}#2`, deliveries: 1 });
    }
    const after = (await emulators.usage()).expressionCache;
    // b and c: the put's condition, the update's expression and its condition.
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(6);
  });

  it("still fails a condition that does not hold for this request's values", async () => {
    await createThenUpdate("d", "first");
    const stale = ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: key("d"),
        UpdateExpression: "SET #title = :title, objectVersion = :next ADD deliveries :one",
        ConditionExpression: "objectVersion = :read AND begins_with(objectVersion, :id)",
        ExpressionAttributeNames: { "#title": "title" },
        ExpressionAttributeValues: { ":title": "stale", ":next": "d#3", ":one": 1, ":read": "d#1", ":id": "d" },
      }),
    );
    await expect(stale).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
  });

  it("refuses a value of the wrong type, and an unused one, with DynamoDB's messages after the expression was learned", async () => {
    await createThenUpdate("e", "learned");
    const update = (values: Record<string, unknown>) =>
      ddb.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: key("e"),
          UpdateExpression: "SET #title = :title, objectVersion = :next ADD deliveries :one",
          ConditionExpression: "objectVersion = :read AND begins_with(objectVersion, :id)",
          ExpressionAttributeNames: { "#title": "title" },
          ExpressionAttributeValues: {
            ":title": "x",
            ":next": "e#3",
            ":one": 1,
            ":read": "e#2",
            ":id": "e",
            ...values,
          },
        }),
      );

    await expect(update({ ":id": 5 })).rejects.toMatchObject({
      name: "ValidationException",
      message:
        "Invalid ConditionExpression: Incorrect operand type for operator or function; " +
        "operator or function: begins_with, operand type: N",
    });
    await expect(update({ ":one": "1" })).rejects.toMatchObject({
      name: "ValidationException",
      message:
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
    });
    // Twice: the second is served from the cache, with :extra still unused.
    for (const _learnedThenCached of [1, 2]) {
      await expect(update({ ":extra": "unused" })).rejects.toMatchObject({
        name: "ValidationException",
        message: "Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}",
      });
    }
  });
});
