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
      "Rotated by hand (aws secretsmanager put-secret-value): no rotation Lambda is needed for a random HMAC key, and the query function verifies cursors against the AWSPREVIOUS version too, so a rotation breaks no live cursor.",
    );
  }
}
