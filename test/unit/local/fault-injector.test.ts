import { describe, expect, it } from "vitest";
import { FaultInjector, type FaultRequest, serviceOf } from "../../../infra/local/fault-injector";

const dynamo: FaultRequest = {
  method: "POST",
  headers: { "x-amz-target": "DynamoDB_20120810.PutItem", "content-type": "application/x-amz-json-1.0" },
};
const sqs: FaultRequest = {
  method: "POST",
  headers: { "x-amz-target": "AmazonSQS.SendMessageBatch", "content-type": "application/x-amz-json-1.0" },
};
const s3: FaultRequest = { method: "GET", headers: {} };
const sns: FaultRequest = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } };

function decisions(injector: FaultInjector, request: FaultRequest, count: number) {
  return Array.from({ length: count }, () => injector.decide(request)?.statusCode ?? 0);
}

describe("FaultInjector", () => {
  it("tells the services apart by their wire form, leaving SNS's form-encoded POSTs alone", () => {
    expect(serviceOf(dynamo)).toBe("dynamodb");
    expect(serviceOf(sqs)).toBe("sqs");
    expect(serviceOf(s3)).toBe("s3");
    expect(serviceOf({ method: "PUT", headers: { "content-type": "text/html" } })).toBe("s3");
    expect(serviceOf(sns)).toBeUndefined();
    const injector = new FaultInjector({ rate: 1 });
    expect(injector.decide(sns)).toBeUndefined();
    expect(injector.total).toBe(0);
  });

  it("fails close to the given fraction of requests, and counts each per service", () => {
    const injector = new FaultInjector({ rate: 0.1, seed: 7 });
    const failed = decisions(injector, s3, 10_000).filter((status) => status !== 0).length;
    expect(failed).toBeGreaterThan(850);
    expect(failed).toBeLessThan(1150);
    expect(injector.injected).toEqual({ s3: failed, sqs: 0, dynamodb: 0 });
    decisions(injector, dynamo, 100);
    decisions(injector, sqs, 100);
    expect(injector.total).toBe(failed + injector.injected.dynamodb + injector.injected.sqs);
    expect(injector.injected.dynamodb).toBeGreaterThan(0);
    expect(injector.injected.sqs).toBeGreaterThan(0);
  });

  it("never fails at rate 0 and always fails at rate 1", () => {
    expect(decisions(new FaultInjector({ rate: 0 }), dynamo, 1000).every((status) => status === 0)).toBe(true);
    expect(decisions(new FaultInjector({ rate: 1 }), dynamo, 1000).every((status) => status === 400)).toBe(true);
  });

  it("refuses a rate outside 0–1", () => {
    expect(() => new FaultInjector({ rate: 1.5 })).toThrow(/fault rate/);
    expect(() => new FaultInjector({ rate: Number.NaN })).toThrow(/fault rate/);
  });

  it("makes the same decisions for the same seed, and different ones for another", () => {
    const sequence = (seed: number) => decisions(new FaultInjector({ rate: 0.3, seed }), s3, 200);
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
  });

  it("throttles DynamoDB with ProvisionedThroughputExceededException, 400 JSON", () => {
    const fault = new FaultInjector({ rate: 1 }).decide(dynamo);
    expect(fault).toMatchObject({ kind: "dynamodb", statusCode: 400 });
    expect(fault?.headers["content-type"]).toBe("application/x-amz-json-1.0");
    expect(JSON.parse(fault?.body ?? "")).toMatchObject({
      __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    });
  });

  it("fails S3 with InternalError 500 or SlowDown 503 as S3's XML error", () => {
    const faults = Array.from({ length: 50 }, (_, seed) => new FaultInjector({ rate: 1, seed }).decide(s3));
    const shapes = new Set(
      faults.map((fault) => `${fault?.statusCode} ${/<Code>(\w+)<\/Code>/.exec(fault?.body ?? "")?.[1]}`),
    );
    expect(shapes).toEqual(new Set(["500 InternalError", "503 SlowDown"]));
    expect(faults[0]?.headers["content-type"]).toBe("application/xml");
  });

  it("fails SQS with InternalError 500 or ServiceUnavailable 503 in SQS's JSON protocol", () => {
    const faults = Array.from({ length: 50 }, (_, seed) => new FaultInjector({ rate: 1, seed }).decide(sqs));
    const shapes = new Set(
      faults.map(
        (fault) =>
          `${fault?.statusCode} ${JSON.parse(fault?.body ?? "{}").__type} ${fault?.headers["x-amzn-query-error"]}`,
      ),
    );
    expect(shapes).toEqual(
      new Set([
        "500 com.amazonaws.sqs#InternalError InternalError;Receiver",
        "503 com.amazonaws.sqs#ServiceUnavailable ServiceUnavailable;Receiver",
      ]),
    );
  });
});
