import { followNotifications } from "../../../infra/cli/follow-notifications";
import type { LocalRuntime } from "../../../infra/local/local-runtime";
import type { IngestNotification } from "../../../shared/events/ingest-notification";
import { eventually } from "./test-pipeline";

/**
 * Every ingest notification published while it runs, through a queue
 * subscribed to the topic — the way `docket events` follows them.
 */
export interface NotificationLog {
  all: IngestNotification[];
  forUri(uri: string): IngestNotification[];
  /** Waits until `count` notifications about `uri` have arrived, and returns them. */
  waitForUri(uri: string, count?: number, timeoutMs?: number): Promise<IngestNotification[]>;
  stop(): Promise<void>;
}

/** The record id a record.* notification names; fails the test on a rejection or nothing. */
export function recordIdOf(notification: IngestNotification | undefined): string {
  if (!notification || notification.type === "page.rejected") {
    throw new Error(`expected a record notification, got ${JSON.stringify(notification)}`);
  }
  return notification.id;
}

export async function startNotificationLog(runtime: LocalRuntime): Promise<NotificationLog> {
  const all: IngestNotification[] = [];
  const abort = new AbortController();
  let ready: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const following = followNotifications({
    sqs: runtime.clients.sqs,
    sns: runtime.clients.sns,
    topicArn: runtime.resources.ingestTopicArn,
    signal: abort.signal,
    waitTimeSeconds: 1,
    onReady: () => ready(),
    onNotification: (notification) => {
      if (!("unparsed" in notification)) all.push(notification);
    },
  });
  await Promise.race([subscribed, following]);

  const forUri = (uri: string) => all.filter((notification) => notification.uri === uri);
  return {
    all,
    forUri,
    waitForUri: (uri, count = 1, timeoutMs = 30_000) =>
      eventually(() => {
        const found = forUri(uri);
        return found.length >= count ? found : undefined;
      }, timeoutMs),
    async stop() {
      abort.abort();
      await following;
    },
  };
}
