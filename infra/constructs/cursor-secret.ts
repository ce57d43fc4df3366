import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { acknowledge } from "../nag/acknowledge";
import type { StageConfig } from "../stages";

/** The key that signs the query API's opaque pagination cursors, generated at deploy time. */
export class CursorSecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, "Secret", {
      description: `Docket ${props.stage.name}: HMAC key for query API cursors`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.stage.removalPolicy,
    });
    acknowledge(
      this.secret,
      "AwsSolutions-SMG4",
      "Rotation would invalidate every outstanding cursor mid-pagination; the key signs cursors only and never leaves the function.",
    );
  }
}
