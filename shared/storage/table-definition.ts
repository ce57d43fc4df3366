/**
 * The DynamoDB table, defined once for the CDK stack and the local runtime.
 * Single-table design: a record item (pk REC#<id>, sk RECORD) plus index items
 * whose pk names the access path (region, type, month, person) and whose sk
 * sorts by meeting date, so every API filter is one Query, newest first.
 */
export interface GlobalIndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE_DEFINITION = {
  partitionKey: "pk",
  sortKey: "sk",
  globalIndexes: [] as GlobalIndexDefinition[],
} as const;
