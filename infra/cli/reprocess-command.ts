import type { Command } from "commander";
import { RAW_PREFIX } from "../../shared/config/resources";
import { commandAction } from "./command-action";
import { resolveTarget } from "./pipeline-target";
import { reprocessRaw } from "./reprocess-raw";

/** `docket reprocess [--prefix raw/…]`: re-parses raw pages by enqueueing S3-shaped events for them. */
export function registerReprocessCommand(program: Command): void {
  program
    .command("reprocess")
    .option("--prefix <prefix>", "only objects under this key prefix (within raw/)", RAW_PREFIX)
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("reprocess", async (options: { prefix: string; stage?: string }) => {
        if (!options.prefix.startsWith(RAW_PREFIX)) throw new Error(`--prefix must start with ${RAW_PREFIX}`);
        const target = await resolveTarget({ stage: options.stage });
        const result = await reprocessRaw({
          s3: target.clients.s3,
          sqs: target.clients.sqs,
          region: target.resources.region,
          bucket: target.resources.rawBucketName,
          queueUrl: target.resources.pageEventsQueueUrl,
          prefix: options.prefix,
        });
        for (const { key, error } of result.failed) process.stderr.write(`failed: ${key}: ${error}\n`);
        process.stdout.write(
          `enqueued ${result.enqueued} page events for s3://${target.resources.rawBucketName}/${options.prefix} ` +
            `on ${target.label}${result.failed.length > 0 ? `; ${result.failed.length} failed` : ""}\n`,
        );
        if (result.failed.length > 0) process.exitCode = 1;
      }),
    );
}
