import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { RAW_PREFIX } from "../../shared/config/resources";
import { applyManifest, parseManifest, planUploads, uploadPages } from "../../shared/ingest/upload-pages";
import { UsageError, wholeNumber } from "./cli-options";
import { commandAction, formatBytes } from "./command-action";
import { resolveTarget } from "./pipeline-target";
import { progressBar } from "./progress-bar";

/** `docket upload FILE|DIR...`: puts pages in the raw bucket, where each upload starts the pipeline. */
export function registerUploadCommand(program: Command): void {
  program
    .command("upload")
    .argument("<paths...>", "page files or directories")
    .option("--source-url <url>", "the page's original web address (one page only)")
    .option("--prefix <prefix>", "key prefix (must be under raw/)", RAW_PREFIX)
    .option("--concurrency <n>", "uploads at once (1–256)", wholeNumber(1, 256), 16)
    .option("--all", "from directories, send every file, not only pages (.html .htm .shtml .xhtml .txt, no extension)")
    .option("--manifest <file.tsv>", "path<TAB>url per line: each page's original web address")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction(
        "upload",
        async (
          paths: string[],
          options: {
            sourceUrl?: string;
            prefix: string;
            concurrency: number;
            all?: boolean;
            manifest?: string;
            stage?: string;
          },
        ) => {
          if (!options.prefix.startsWith(RAW_PREFIX)) throw new UsageError(`--prefix must start with ${RAW_PREFIX}`);
          if (options.manifest && options.sourceUrl) throw new UsageError("give --source-url or --manifest, not both");
          const prefix = options.prefix.endsWith("/") ? options.prefix : `${options.prefix}/`;
          const { uploads, skipped } = await planUploads(paths, prefix, { all: options.all });
          if (skipped.length > 0) {
            process.stderr.write(`skipped ${skipped.length} files that are not pages (--all sends them too)\n`);
          }
          if (options.manifest) {
            const matched = applyManifest(uploads, parseManifest(await readFile(options.manifest, "utf8")));
            process.stderr.write(`manifest: source URLs for ${matched} of ${uploads.length} pages\n`);
          }
          const target = await resolveTarget({ stage: options.stage });
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
          for (const { upload, sameAs } of summary.repeated) {
            process.stderr.write(
              `warning: ${upload.path} has the same bytes as ${sameAs.path}, sent earlier in this run; the pipeline stores it as a duplicate (duplicateOf)\n`,
            );
          }
          const seconds = (summary.elapsedMs / 1000).toFixed(1);
          process.stderr.write(
            `uploaded ${summary.uploaded} of ${uploads.length} pages (${formatBytes(summary.bytes)}) to ` +
              `s3://${target.resources.rawBucketName}/${prefix} on ${target.label} in ${seconds}s` +
              `${summary.failed.length > 0 ? `; ${summary.failed.length} failed` : ""}\n`,
          );
          if (summary.failed.length > 0) process.exitCode = 1;
        },
      ),
    );
}
