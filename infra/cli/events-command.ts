import type { Command } from "commander";
import { commandAction } from "./command-action";
import { followNotifications } from "./follow-notifications";
import { notificationLine } from "./notification-line";
import { resolveTarget } from "./pipeline-target";

/** `docket events`: follows ingest notifications as they arrive, one line each, until Ctrl-C. */
export function registerEventsCommand(program: Command): void {
  program
    .command("events")
    .option("--json", "print each notification as its JSON")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("events", async (options: { json?: boolean; stage?: string }) => {
        const target = await resolveTarget({ stage: options.stage });
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        try {
          await followNotifications({
            sqs: target.clients.sqs,
            sns: target.clients.sns,
            topicArn: target.resources.ingestTopicArn,
            signal: stop.signal,
            onReady: () => process.stderr.write(`following ingest notifications of ${target.label}; Ctrl-C to stop\n`),
            onNotification: (notification) =>
              process.stdout.write(`${options.json ? JSON.stringify(notification) : notificationLine(notification)}\n`),
          });
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
        }
      }),
    );
}
