import type { Command } from "commander";
import { RAW_PREFIX } from "../../shared/config/resources";
import { commandAction, formatBytes } from "./command-action";
import { resolveTarget } from "./pipeline-target";
import { progressBar } from "./progress-bar";
import { planUploads, uploadPages } from "./upload-pages";

/** `docket upload FILE|DIR...`: puts pages in the raw bucket, where each upload starts the pipeline. */
export function registerUploadCommand(program: Command): void {
  program
    .command("upload")
    .description("upload pages (files, or directories recursively) to the raw bucket as raw/<path>")
    .argument("<paths...>", "page files or directories")
    .option("--source-url <url>", "the page's original web address (one page only)")
    .option("--prefix <prefix>", "key prefix (must be under raw/)", RAW_PREFIX)
    .option("--concurrency <n>", "uploads at once", (value) => Number.parseInt(value, 10), 16)
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction(
        "upload",
        async (
          paths: string[],
          options: { sourceUrl?: string; prefix: string; concurrency: number; stage?: string },
        ) => {
          if (!options.prefix.startsWith(RAW_PREFIX)) throw new Error(`--prefix must start with ${RAW_PREFIX}`);
          const prefix = options.prefix.endsWith("/") ? options.prefix : `${options.prefix}/`;
          const target = await resolveTarget({ stage: options.stage });
          const uploads = await planUploads(paths, prefix);
          const bar = progressBar();
          const summary = await uploadPages(uploads, {
            s3: target.clients.s3,
            bucket: target.resources.rawBucketName,
            concurrency: options.concurrency,
            sourceUrl: options.sourceUrl,
            onProgress: (done, total, bytes) => bar.update(done, total, formatBytes(bytes)),
          });
          bar.finish();
          for (const { upload, error } of summary.failed) process.stderr.write(`failed: ${upload.path}: ${error}\n`);
          const seconds = (summary.elapsedMs / 1000).toFixed(1);
          process.stdout.write(
            `uploaded ${summary.uploaded} of ${uploads.length} pages (${formatBytes(summary.bytes)}) to ` +
              `s3://${target.resources.rawBucketName}/${prefix} on ${target.label} in ${seconds}s` +
              `${summary.failed.length > 0 ? `; ${summary.failed.length} failed` : ""}\n`,
          );
          if (summary.failed.length > 0) process.exitCode = 1;
        },
      ),
    );
}
