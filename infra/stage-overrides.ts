import { z } from "zod";
import { recordEventTypes } from "../shared/events/ingest-notification";
import type { StageConfig } from "./stages";

/**
 * Per-deployment settings that belong to the operator, not the code: who gets
 * alarms and who hears about ingested pages. Given as CDK context, e.g.
 *   npx cdk deploy -c stage=prod -c alarmEmail=ops@example.org \
 *     -c subscriptions='[{"protocol":"email","endpoint":"team@example.org","filterTypes":["page.rejected"]}]'
 * or as the same keys under "context" in cdk.json / cdk.context.json.
 */
const notificationTypes = ["page.rejected", ...recordEventTypes] as const;

const subscriptionsSchema = z.array(
  z
    .object({
      protocol: z.enum(["email", "https", "sqs"]),
      endpoint: z.string().min(1),
      filterTypes: z.array(z.enum(notificationTypes)).min(1).optional(),
    })
    .strict()
    .refine((s) => s.protocol !== "https" || s.endpoint.startsWith("https://"), {
      message: "an https subscription needs an https:// endpoint",
    })
    .refine((s) => s.protocol !== "sqs" || s.endpoint.startsWith("arn:"), {
      message: "an sqs subscription needs the queue's ARN",
    }),
);

export class StageOverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StageOverrideError";
  }
}

/** Applies the `alarmEmail` and `subscriptions` context values to a stage, failing with a usage message when they are malformed. */
export function applyStageOverrides(
  stage: StageConfig,
  context: { alarmEmail?: unknown; subscriptions?: unknown; webAllowCidrs?: unknown },
) {
  let result = stage;
  const { alarmEmail, subscriptions, webAllowCidrs } = context;
  if (webAllowCidrs !== undefined && webAllowCidrs !== "") {
    const cidrs = String(webAllowCidrs)
      .split(",")
      .map((cidr) => cidr.trim())
      .filter(Boolean);
    const bad = cidrs.find((cidr) => !/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-f:]+\/\d{1,3}$/i.test(cidr));
    if (cidrs.length === 0 || bad !== undefined) {
      throw new StageOverrideError(
        `-c webAllowCidrs: expected comma-separated CIDRs like 203.0.113.0/24, got "${bad ?? ""}"`,
      );
    }
    result = { ...result, api: { ...result.api, webAllowCidrs: cidrs } };
  }
  if (alarmEmail !== undefined && alarmEmail !== "") {
    if (typeof alarmEmail !== "string" || !/^[^@\s]+@[^@\s]+$/.test(alarmEmail)) {
      throw new StageOverrideError(`-c alarmEmail: expected an e-mail address, got ${JSON.stringify(alarmEmail)}`);
    }
    result = { ...result, alarmEmail };
  }
  if (subscriptions !== undefined && subscriptions !== "") {
    let value: unknown = subscriptions;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        throw new StageOverrideError("-c subscriptions: expected a JSON array of {protocol, endpoint, filterTypes?}");
      }
    }
    const parsed = subscriptionsSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StageOverrideError(`-c subscriptions[${issue?.path.join(".")}]: ${issue?.message}`);
    }
    result = { ...result, ingestSubscriptions: [...result.ingestSubscriptions, ...parsed.data] };
  }
  return result;
}
