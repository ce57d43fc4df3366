import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";

/**
 * An in-memory table answering QueryCommand the way DynamoDB does, so that
 * pagination can be checked end to end: key condition first, then
 * ExclusiveStartKey, then Limit counts *evaluated* items, then
 * FilterExpression drops some of them; LastEvaluatedKey is returned whenever
 * Limit (or the page size cap standing in for DynamoDB's 1 MB) stopped the
 * read, even when nothing follows — as DynamoDB does.
 *
 * It understands the expression forms the query API writes: `a = b`,
 * `a >= b`, `a <> b`, `a BETWEEN b AND c`, `begins_with(a, b)`,
 * `attribute_not_exists(a)`, joined by AND.
 */

type Item = Record<string, unknown>;
type Operand = { attribute: string } | { value: unknown };
type Condition =
  | { op: "=" | "<" | "<=" | ">" | ">=" | "<>"; left: Operand; right: Operand }
  | { op: "between"; subject: Operand; low: Operand; high: Operand }
  | { op: "begins_with"; subject: Operand; prefix: Operand }
  | { op: "attribute_not_exists"; subject: Operand };

function tokenise(expression: string): string[] {
  return expression.match(/[#:]?[A-Za-z_][A-Za-z0-9_]*|<=|>=|<>|[=<>(),]/g) ?? [];
}

function parseConditions(
  expression: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Condition[] {
  const tokens = tokenise(expression);
  let at = 0;
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`unexpected end of expression: ${expression}`);
    return token;
  };
  const expect = (token: string) => {
    const got = next();
    if (got.toUpperCase() !== token) throw new Error(`expected ${token}, got ${got} in ${expression}`);
  };
  const operand = (): Operand => {
    const token = next();
    if (token.startsWith("#")) {
      const attribute = names[token];
      if (attribute === undefined) throw new Error(`undefined name ${token}`);
      return { attribute };
    }
    if (token.startsWith(":")) {
      if (!(token in values)) throw new Error(`undefined value ${token}`);
      return { value: values[token] };
    }
    throw new Error(`unsupported operand ${token} in ${expression}`);
  };
  const conditions: Condition[] = [];
  for (;;) {
    if (tokens[at] === "attribute_not_exists") {
      next();
      expect("(");
      const subject = operand();
      expect(")");
      conditions.push({ op: "attribute_not_exists", subject });
    } else if (tokens[at] === "begins_with") {
      next();
      expect("(");
      const subject = operand();
      expect(",");
      const prefix = operand();
      expect(")");
      conditions.push({ op: "begins_with", subject, prefix });
    } else {
      const left = operand();
      const op = next();
      if (op.toUpperCase() === "BETWEEN") {
        const low = operand();
        expect("AND");
        conditions.push({ op: "between", subject: left, low, high: operand() });
      } else if (["=", "<", "<=", ">", ">=", "<>"].includes(op)) {
        conditions.push({ op: op as "=", left, right: operand() });
      } else {
        throw new Error(`unsupported operator ${op} in ${expression}`);
      }
    }
    if (at >= tokens.length) return conditions;
    expect("AND");
  }
}

function resolve(operand: Operand, item: Item): unknown {
  return "attribute" in operand ? item[operand.attribute] : operand.value;
}

function holds(condition: Condition, item: Item): boolean {
  if (condition.op === "attribute_not_exists") return resolve(condition.subject, item) === undefined;
  if (condition.op === "between") {
    const subject = resolve(condition.subject, item);
    return (
      typeof subject === "string" &&
      subject >= String(resolve(condition.low, item)) &&
      subject <= String(resolve(condition.high, item))
    );
  }
  if (condition.op === "begins_with") {
    const subject = resolve(condition.subject, item);
    return typeof subject === "string" && subject.startsWith(String(resolve(condition.prefix, item)));
  }
  const left = resolve(condition.left, item);
  const right = resolve(condition.right, item);
  if (left === undefined) return false;
  switch (condition.op) {
    case "=":
      return left === right;
    case "<>":
      return left !== right;
    case "<":
      return String(left) < String(right);
    case "<=":
      return String(left) <= String(right);
    case ">":
      return String(left) > String(right);
    case ">=":
      return String(left) >= String(right);
  }
}

export interface FakeTableOptions {
  /** items per response regardless of Limit: stands in for DynamoDB's 1 MB page */
  pageCap?: number;
}

export function answerQuery(items: readonly object[], input: QueryCommandInput, options: FakeTableOptions = {}) {
  const names = input.ExpressionAttributeNames ?? {};
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const keyConditions = parseConditions(input.KeyConditionExpression ?? "", names, values);
  const filters = input.FilterExpression ? parseConditions(input.FilterExpression, names, values) : [];
  const descending = input.ScanIndexForward === false;

  let candidates = (items as readonly Item[])
    .filter((item) => keyConditions.every((c) => holds(c, item)))
    .sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : String(a.sk) > String(b.sk) ? 1 : 0));
  if (descending) candidates.reverse();
  const start = input.ExclusiveStartKey?.sk;
  if (start !== undefined) {
    candidates = candidates.filter((item) =>
      descending ? String(item.sk) < String(start) : String(item.sk) > String(start),
    );
  }
  const take = Math.min(input.Limit ?? Number.POSITIVE_INFINITY, options.pageCap ?? Number.POSITIVE_INFINITY);
  const evaluated = candidates.slice(0, take);
  const stoppedEarly =
    evaluated.length < candidates.length || (input.Limit !== undefined && evaluated.length === input.Limit);
  const last = evaluated.at(-1);
  return {
    Items: evaluated.filter((item) => filters.every((c) => holds(c, item))).map((item) => structuredClone(item)),
    Count: 0,
    ScannedCount: evaluated.length,
    ...(stoppedEarly && last ? { LastEvaluatedKey: { pk: last.pk, sk: last.sk } } : {}),
  };
}

/** A DocumentClient whose QueryCommand reads `items`; the mock records every call. */
export function fakeIndexTable(items: readonly object[], options: FakeTableOptions = {}) {
  const { ddb, mock } = mockedDocumentClient();
  mock.on(QueryCommand).callsFake((input: QueryCommandInput) => answerQuery(items, input, options));
  return { ddb, mock };
}

/** A DocumentClient whose every call is answered by the returned mock (nothing reaches the network). */
export function mockedDocumentClient() {
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: "ap-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
  );
  return { ddb, mock: mockClient(ddb) };
}
