import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { type SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/**
 * Which raw pages the pipeline has settled, kept on disk beside the data so
 * a restart can tell what was lost in flight. The queues live in memory, so
 * a SIGKILL loses the events and records they held; every page the store
 * announced (record.created, updated or unchanged) or the parser rejected is
 * written here, per S3 URI with the time of its latest notification. A page
 * whose object is newer than that time (or that is not here at all) was
 * never settled, and start queues its event again.
 *
 * The ledger follows the ingest topic like any subscriber. A page settled but
 * not yet written here when the process dies is queued again: at least once,
 * never lost.
 */
export class SettledPages {
  readonly #file: string;
  readonly #latest = new Map<string, number>();

  constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const line of text.split("\n")) {
      try {
        const { uri, at } = JSON.parse(line) as { uri: string; at: string };
        this.#remember(uri, Date.parse(at));
      } catch {
        // an empty line, or the last line cut short by a kill: that page is simply queued again
      }
    }
    // Compact: one line per page.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, [...this.#latest].map(([uri, at]) => entry(uri, at)).join(""));
    renameSync(temporary, file);
  }

  /** Whether the page's latest notification came after the object was last written. */
  isSettled(uri: string, lastModified: Date): boolean {
    const settledAt = this.#latest.get(uri);
    return settledAt !== undefined && settledAt >= lastModified.getTime();
  }

  record(uri: string, at: string): void {
    const time = Date.parse(at);
    if (Number.isNaN(time)) return;
    this.#remember(uri, time);
    appendFileSync(this.#file, entry(uri, time));
  }

  #remember(uri: string, time: number): void {
    if (typeof uri !== "string" || Number.isNaN(time)) return;
    if ((this.#latest.get(uri) ?? Number.NEGATIVE_INFINITY) < time) this.#latest.set(uri, time);
  }
}

function entry(uri: string, time: number): string {
  return `${JSON.stringify({ uri, at: new Date(time).toISOString() })}\n`;
}

export interface LedgerFollowerOptions {
  sqs: SQSClient;
  sns: SNSClient;
  topicArn: string;
  /** A local-only queue subscribed to the topic (raw delivery); not part of the stack. */
  queueName: string;
  ledger: SettledPages;
  waitTimeSeconds: number;
  onError?: (error: unknown) => void;
}

/** Subscribes a queue to the ingest topic and writes every notification to the ledger until stopped. */
export async function followIntoLedger(options: LedgerFollowerOptions): Promise<{ stop(): Promise<void> }> {
  const { sqs, sns } = options;
  const { QueueUrl: queueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: options.queueName }));
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  await sns.send(
    new SubscribeCommand({
      TopicArn: options.topicArn,
      Protocol: "sqs",
      Endpoint: Attributes.QueueArn ?? "",
      Attributes: { RawMessageDelivery: "true" },
    }),
  );
  const abort = new AbortController();
  const loop = (async () => {
    while (!abort.signal.aborted) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: options.waitTimeSeconds,
          }),
          { abortSignal: abort.signal },
        );
        for (const message of Messages) {
          const notification = parse(message.Body ?? "");
          if (notification) options.ledger.record(notification.uri, notification.at);
        }
        if (Messages.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

function parse(body: string): { uri: string; at: string } | undefined {
  try {
    const value = JSON.parse(body) as { uri?: unknown; at?: unknown };
    return typeof value.uri === "string" && typeof value.at === "string" ? { uri: value.uri, at: value.at } : undefined;
  } catch {
    return undefined;
  }
}
