import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { RAW_PREFIX } from "../../shared/config/resources";
import { AccessLogs } from "../constructs/access-logs";
import { ApiExecutionLogs } from "../constructs/api-execution-logs";
import { ARTIFACT_PREFIXES, Artifacts } from "../constructs/artifacts";
import { CursorSecret } from "../constructs/cursor-secret";
import { DocketFunction } from "../constructs/docket-function";
import { giveFunctionsLogGroups } from "../constructs/framework-function-logs";
import {
  bindArtifactsBucket,
  bindConsumedRecordsQueue,
  bindCorsOrigins,
  bindCursorSecret,
  bindIngestTopic,
  bindMaxPageBytes,
  bindPageEventsQueue,
  bindRawBucket,
  bindRecordsQueue,
  bindTable,
} from "../constructs/function-bindings";
import { IngestQueues } from "../constructs/ingest-queues";
import { IngestTopic } from "../constructs/ingest-topic";
import { Operations } from "../constructs/operations";
import { QueryApi } from "../constructs/query-api";
import { consumeQueue } from "../constructs/queue-consumer";
import { RawPages } from "../constructs/raw-pages";
import { RecordTable } from "../constructs/record-table";
import { acknowledgeFrameworkResources } from "../nag/framework-resources";
import type { StageConfig } from "../stages";
import { STACK_OUTPUTS, type StackOutputName } from "./stack-outputs";

export interface DocketStackProps extends StackProps {
  stage: StageConfig;
}

/** One stage of Docket: S3 → SQS → parse-page → SQS → store-record → DynamoDB + SNS, and the query API. */
export class DocketStack extends Stack {
  readonly accessLogs: AccessLogs;
  readonly queues: IngestQueues;
  readonly rawPages: RawPages;
  readonly artifacts: Artifacts;
  readonly records: RecordTable;
  readonly ingestTopic: IngestTopic;
  readonly cursorKey: CursorSecret;
  readonly parsePage: DocketFunction;
  readonly storeRecord: DocketFunction;
  readonly queryApi: DocketFunction;
  readonly web: DocketFunction;
  readonly download: DocketFunction;
  readonly api: QueryApi;
  readonly apiExecutionLogs: ApiExecutionLogs;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: DocketStackProps) {
    super(scope, id, props);
    const { stage } = props;

    this.accessLogs = new AccessLogs(this, "AccessLogs", { stage });
    this.queues = new IngestQueues(this, "Queues");
    const { pageEvents, records } = this.queues;
    this.rawPages = new RawPages(this, "RawPages", {
      stage,
      accessLogs: this.accessLogs.bucket,
      pageEvents: pageEvents.queue,
    });
    this.artifacts = new Artifacts(this, "Artifacts", { stage, accessLogs: this.accessLogs.bucket });
    this.records = new RecordTable(this, "Records", { stage });
    this.ingestTopic = new IngestTopic(this, "IngestEvents", { stage });
    this.cursorKey = new CursorSecret(this, "CursorKey", { stage });

    this.parsePage = new DocketFunction(this, "ParsePage", {
      name: "parsePage",
      stage,
      description: "Parses a raw page into a meeting record (or a page.rejected event)",
    });
    bindRawBucket(this.parsePage, this.rawPages.bucket, RAW_PREFIX);
    bindArtifactsBucket(this.parsePage, this.artifacts.bucket, { write: [ARTIFACT_PREFIXES.claimChecks] });
    bindRecordsQueue(this.parsePage, records.queue);
    bindIngestTopic(this.parsePage, this.ingestTopic.topic);
    bindMaxPageBytes(this.parsePage, stage.maxPageBytes);
    consumeQueue(this.parsePage, pageEvents, stage.eventSources.pageEvents);

    this.storeRecord = new DocketFunction(this, "StoreRecord", {
      name: "storeRecord",
      stage,
      description: "Writes records and their index items, then announces them",
    });
    bindTable(this.storeRecord, this.records.table, "readWrite");
    // Claim checks in, record bodies read (the stored version), written and superseded.
    bindArtifactsBucket(this.storeRecord, this.artifacts.bucket, {
      read: [ARTIFACT_PREFIXES.claimChecks, ARTIFACT_PREFIXES.recordBodies],
      write: [ARTIFACT_PREFIXES.recordBodies],
      delete: [ARTIFACT_PREFIXES.recordBodies],
    });
    bindIngestTopic(this.storeRecord, this.ingestTopic.topic);
    // A record whose claim check expired (a message redriven after the lifecycle rule) is re-parsed from its page.
    bindPageEventsQueue(this.storeRecord, pageEvents.queue);
    consumeQueue(this.storeRecord, records, stage.eventSources.records);
    bindConsumedRecordsQueue(this.storeRecord, records.queue);

    this.queryApi = new DocketFunction(this, "QueryApi", {
      name: "queryApi",
      stage,
      description: "Answers the REST query API",
    });
    bindTable(this.queryApi, this.records.table, "read");
    bindArtifactsBucket(this.queryApi, this.artifacts.bucket, { read: [ARTIFACT_PREFIXES.recordBodies] });
    bindCursorSecret(this.queryApi, this.cursorKey.secret);
    bindCorsOrigins(this.queryApi, stage.api.corsAllowOrigins);
    // The web pages and the downloads read through the query API's code in-process: its read-only grants,
    // at most. Downloads are a function of their own (shared/config/web-routes.ts says why).
    this.web = new DocketFunction(this, "Web", { name: "web", stage, description: "Serves the web app's pages" });
    this.download = new DocketFunction(this, "Download", {
      name: "download",
      stage,
      description: "Streams the web app's CSV and JSON Lines downloads",
    });
    bindTable(this.web, this.records.table, "read");
    bindArtifactsBucket(this.web, this.artifacts.bucket, { read: [ARTIFACT_PREFIXES.recordBodies] });
    bindCursorSecret(this.web, this.cursorKey.secret);
    // Downloads read the list (index items) only, never a record body: no grant on the artifacts bucket.
    bindTable(this.download, this.records.table, "read");
    bindCursorSecret(this.download, this.cursorKey.secret);
    this.api = new QueryApi(this, "QueryApiGateway", {
      stage,
      handler: this.queryApi,
      webHandlers: { web: this.web, download: this.download },
    });
    this.apiExecutionLogs = new ApiExecutionLogs(this, "QueryApiExecutionLogs", { stage, api: this.api.api });

    this.operations = new Operations(this, "Operations", {
      stage,
      functions: {
        ParsePage: this.parsePage,
        StoreRecord: this.storeRecord,
        QueryApi: this.queryApi,
        Web: this.web,
        Download: this.download,
      },
      recordWriter: this.storeRecord,
      queues: { PageEvents: pageEvents, Records: records },
      api: this.api.api,
      ingestTopic: this.ingestTopic,
    });

    const outputs: Record<StackOutputName, string> = {
      [STACK_OUTPUTS.rawBucketName]: this.rawPages.bucket.bucketName,
      [STACK_OUTPUTS.artifactsBucketName]: this.artifacts.bucket.bucketName,
      [STACK_OUTPUTS.pageEventsQueueUrl]: pageEvents.queue.queueUrl,
      [STACK_OUTPUTS.pageEventsDlqUrl]: pageEvents.deadLetterQueue.queueUrl,
      [STACK_OUTPUTS.recordsQueueUrl]: records.queue.queueUrl,
      [STACK_OUTPUTS.recordsDlqUrl]: records.deadLetterQueue.queueUrl,
      [STACK_OUTPUTS.tableName]: this.records.table.tableName,
      [STACK_OUTPUTS.ingestTopicArn]: this.ingestTopic.topic.topicArn,
      [STACK_OUTPUTS.ingestSubscriptionsDlqUrl]: this.ingestTopic.deadLetterQueue.queueUrl,
      [STACK_OUTPUTS.apiUrl]: this.api.api.url,
      [STACK_OUTPUTS.apiKeyId]: this.api.apiKey.keyId,
      [STACK_OUTPUTS.region]: this.region,
    };
    // At stack level, so each output's logical id is exactly its fixed name.
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });

    giveFunctionsLogGroups(this, stage);
    acknowledgeFrameworkResources(this);
  }
}
