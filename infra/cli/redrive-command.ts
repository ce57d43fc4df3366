import type { Command } from "commander";
import { commandAction } from "./command-action";
import { resolveTarget } from "./pipeline-target";
import { redriveQueue } from "./redrive-dlq";

/** `docket redrive`: moves both DLQs' messages back to their source queues and prints the counts. */
export function registerRedriveCommand(program: Command): void {
  program
    .command("redrive")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("redrive", async (options: { stage?: string }) => {
        const target = await resolveTarget({ stage: options.stage });
        const { resources } = target;
        let failed = 0;
        for (const [name, dlq, source] of [
          ["page-events", resources.pageEventsDlqUrl, resources.pageEventsQueueUrl],
          ["records", resources.recordsDlqUrl, resources.recordsQueueUrl],
        ] as const) {
          const result = await redriveQueue(target.clients.sqs, dlq, source);
          failed += result.failed;
          process.stdout.write(
            `${name} DLQ → ${name}: ${result.moved} moved${result.failed > 0 ? `, ${result.failed} failed` : ""}\n`,
          );
        }
        if (failed > 0) process.exitCode = 1;
      }),
    );
}
