import type * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

export interface ApiFirewallProps {
  stageName: string;
  /** The deployed API stage the web ACL guards. */
  apiStage: apigateway.Stage;
  /** Requests one IP may make in any 5-minute window before it is blocked (WAF's minimum is 10). */
  requestsPerIpPer5Minutes: number;
}

/**
 * A WAF web ACL in front of the API: API keys and the usage plan limit a key,
 * but every caller of a shared key looks the same to them, so one client could
 * use up everyone's quota. The rate rule blocks an IP over the limit (429)
 * until its rate falls again; everything else is allowed. Each rule's
 * requests are counted in CloudWatch and sampled.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const metric = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `docket-${props.stageName}-${name}`,
      sampledRequestsEnabled: true,
    });
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      name: `docket-${props.stageName}-api`,
      description: `Docket ${props.stageName}: per-IP rate limit in front of the query API`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: metric("api"),
      rules: [
        {
          name: "per-ip-rate",
          priority: 0,
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: "too-many-requests" } },
          },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: "IP",
              limit: props.requestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: metric("per-ip-rate"),
        },
      ],
      // The API's own error shape, so a blocked client reads the same kind of answer as a throttled one.
      customResponseBodies: {
        "too-many-requests": {
          contentType: "APPLICATION_JSON",
          content: JSON.stringify({
            error: { code: "TOO_MANY_REQUESTS", message: "Too many requests from this address; slow down." },
          }),
        },
      },
    });
    new wafv2.CfnWebACLAssociation(this, "Association", {
      resourceArn: props.apiStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
