import { fileURLToPath } from "node:url";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { acknowledge } from "../nag/acknowledge";
import type { FunctionName, StageConfig } from "../stages";
import { bindStage } from "./function-bindings";
import { defaultLogGroupProps } from "./secure-defaults";

const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** functions/<folder>/handler.ts for each function. */
const ENTRY_FOLDERS: Record<FunctionName, string> = {
  parsePage: "parse-page",
  storeRecord: "store-record",
  queryApi: "query-api",
  web: "web",
  download: "download",
};

// cheerio, opencc-js and the X-Ray SDK are CommonJS; an ESM bundle needs a real `require`
// for the Node built-ins they load (Powertools' documented esbuild recipe).
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Packages the bundles take from Docket instead, each a few lines in place of what a function
 * never runs (paths from the project root, where esbuild runs):
 * - the SDK's default credential chain (~100 kB with the STS and SSO clients it carries): in
 *   Lambda the role's credentials are in the environment, which is the chain's first link;
 * - semver (28 kB), which the X-Ray SDK loads for one version check on the v2 SDK.
 */
const BUNDLE_ALIASES = [
  "@aws-sdk/credential-provider-node=./shared/aws/lambda-credentials.ts",
  "semver=./shared/observability/xray-semver.ts",
];

export interface DocketFunctionProps {
  name: FunctionName;
  stage: StageConfig;
  description: string;
}

/**
 * The one way Docket builds a Lambda: runtime, architecture, tracing, its own
 * log group and role, bundling and Powertools settings are fixed here; each
 * function adds only its bindings (see function-bindings.ts).
 */
export class DocketFunction extends Construct {
  readonly lambda: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  /** Its POWERTOOLS_SERVICE_NAME: the `service` dimension of the metrics it emits. */
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: DocketFunctionProps) {
    super(scope, id);
    const { name, stage } = props;
    const settings = stage.functions[name];
    const folder = ENTRY_FOLDERS[name];
    this.serviceName = folder;

    this.logGroup = new logs.LogGroup(this, "Logs", defaultLogGroupProps(stage));

    // Own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Docket ${stage.name} ${folder}`,
    });
    this.logGroup.grantWrite(this.role);

    this.lambda = new NodejsFunction(this, "Function", {
      entry: `${PROJECT_ROOT}functions/${folder}/handler.ts`,
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: settings.memoryMiB,
      timeout: settings.timeout,
      reservedConcurrentExecutions: settings.reservedConcurrency,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      environment: {
        NODE_OPTIONS: "--enable-source-maps",
        POWERTOOLS_SERVICE_NAME: this.serviceName,
        POWERTOOLS_LOG_LEVEL: stage.logLevel,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ["module", "main"],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // The SDK is bundled, not taken from the runtime: esbuild keeps only the clients and commands a
        // function imports, and one file loads faster than the runtime's full SDK packages.
        externalModules: [],
        esbuildArgs: {
          // Region names and the opencc tables are CJK: as UTF-8 they take half the bytes of \uXXXX escapes.
          // (Passed as an esbuild argument: this aws-cdk-lib accepts the `charset` prop but never hands it on.)
          "--charset": "utf8",
          "--alias": BUNDLE_ALIASES,
        },
        sourceMap: true,
        // Mappings are enough for stack traces; the sources would double the asset.
        sourcesContent: false,
      },
    });
    bindStage(this, stage.name);

    acknowledge(
      this.role,
      "AwsSolutions-IAM5[Resource::*]",
      "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (the only Resource * statement, checked in test/infra).",
    );
  }
}
