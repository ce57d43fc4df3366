import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { describe, expect, it } from "vitest";
import { METRIC, METRICS_NAMESPACE, SERVICE_DIMENSION } from "../../../shared/config/metric-names";

describe("the metric names the stack's alarms watch", () => {
  it("match what Powertools emits: namespace Docket, and the service name under the service dimension", () => {
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: "store-record" });
    metrics.addMetric(METRIC.claimChecksExpired, MetricUnit.Count, 1);

    const emf = metrics.serializeMetrics();

    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe("Docket");
    expect(directive?.Dimensions).toEqual([[SERVICE_DIMENSION]]);
    expect(directive?.Metrics).toEqual([{ Name: "ClaimChecksExpired", Unit: "Count" }]);
    expect((emf as unknown as Record<string, unknown>)[SERVICE_DIMENSION]).toBe("store-record");
  });
});
