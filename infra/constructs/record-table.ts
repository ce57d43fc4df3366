import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { TABLE_DEFINITION } from "../../shared/storage/table-definition";
import { acknowledge } from "../nag/acknowledge";
import type { StageConfig } from "../stages";

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The single table of records and index items, built from shared/storage/table-definition.ts. */
export class RecordTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const { stage } = props;
    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: stringKey(TABLE_DEFINITION.partitionKey),
      sortKey: stringKey(TABLE_DEFINITION.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: stage.pointInTimeRecovery },
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.removalPolicy,
    });
    // Index items carry the summaries the API lists, so every index projects all attributes.
    for (const index of TABLE_DEFINITION.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    if (!stage.pointInTimeRecovery) {
      acknowledge(
        this.table,
        "AwsSolutions-DDB3",
        `Point-in-time recovery is off in ${stage.name}: every record can be rebuilt from the raw pages (reprocess).`,
      );
    }
  }
}
