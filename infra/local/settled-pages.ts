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
 * written here, per S3 URI with the version the notification settled: its
 * event time (the object's last-modified time) and ETag. A page whose object
 * is another version than the latest settled one (or that is not here at
 * all) was never settled, and start queues its event again. So the late
 * notification of an old version never settles a newer one written under
 * the same key. Notifications without a version (written before they named
 * one) fall back to their own time.
 *
 * The ledger follows the ingest topic like any subscriber. A page settled but
 * not yet written here when the process dies is queued again: at least once,
 * never lost.
 */
/** What the ledger keeps per page: the settled version's time, and its ETag when the notification named one. */
interface Settled {
  at: number;
  eTag?: string;
}

/** The parts of an ingest notification the ledger reads (see shared/events/ingest-notification.ts). */
export interface SettlingNotification {
  uri: string;
  at: string;
  version?: { eventTime: string; eTag?: string | null };
}

export class SettledPages {
  readonly #file: string;
  readonly #latest = new Map<string, Settled>();

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
        const { uri, at, eTag } = JSON.parse(line) as { uri: string; at: string; eTag?: string };
        this.#remember(uri, { at: Date.parse(at), ...(typeof eTag === "string" ? { eTag } : {}) });
      } catch {
        // an empty line, or the last line cut short by a kill: that page is simply queued again
      }
    }
    // Compact: one line per page.
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, [...this.#latest].map(([uri, settled]) => entry(uri, settled)).join(""));
    renameSync(temporary, file);
  }

  /**
   * Whether the object as listed (last-modified time, ETag) is the latest version settled: the same
   * ETag when both are known, else a settled time no earlier than the object's.
   */
  isSettled(uri: string, lastModified: Date, eTag?: string): boolean {
    const settled = this.#latest.get(uri);
    if (settled === undefined) return false;
    if (settled.eTag !== undefined && eTag) return settled.eTag === eTag;
    return settled.at >= lastModified.getTime();
  }

  record(notification: SettlingNotification): void {
    const { version } = notification;
    const at = Date.parse(version?.eventTime ?? notification.at);
    if (Number.isNaN(at)) return;
    const settled: Settled = { at, ...(version?.eTag ? { eTag: version.eTag } : {}) };
    if (this.#remember(notification.uri, settled)) appendFileSync(this.#file, entry(notification.uri, settled));
  }

  /** Keeps the newest version per page (notifications arrive in any order); true when it replaced the one kept. */
  #remember(uri: string, settled: Settled): boolean {
    if (typeof uri !== "string" || Number.isNaN(settled.at)) return false;
    const known = this.#latest.get(uri);
    if (known !== undefined && known.at > settled.at) return false;
    this.#latest.set(uri, settled);
    return true;
  }
}

function entry(uri: string, settled: Settled): string {
  return `${JSON.stringify({ uri, at: new Date(settled.at).toISOString(), ...(settled.eTag ? { eTag: settled.eTag } : {}) })}\n`;
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
          if (notification) options.ledger.record(notification);
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

function parse(body: string): SettlingNotification | undefined {
  try {
    const value = JSON.parse(body) as {
      uri?: unknown;
      at?: unknown;
      version?: { eventTime?: unknown; eTag?: unknown };
    };
    if (typeof value.uri !== "string" || typeof value.at !== "string") return undefined;
    const { eventTime, eTag } = value.version ?? {};
    return {
      uri: value.uri,
      at: value.at,
      ...(typeof eventTime === "string"
        ? { version: { eventTime, ...(typeof eTag === "string" ? { eTag } : {}) } }
        : {}),
    };
  } catch {
    return undefined;
  }
}
