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
  /**
   * Waits for a notification about `uri` that matches, among those after the first `after` (so a
   * test can ask for what a later action caused); at-least-once redeliveries around it are ignored.
   */
  waitForMatch(
    uri: string,
    matches: (notification: IngestNotification) => boolean,
    after?: number,
    timeoutMs?: number,
  ): Promise<IngestNotification>;
  stop(): Promise<void>;
}

/**
 * How long a wait for a notification may take before the test fails: generous, because on a
 * loaded two-core machine a cold start alone can take tens of seconds. It bounds a failure only.
 */
const NOTIFICATION_TIMEOUT_MS = 150_000;

/** The record id a record.* notification names; fails the test on a rejection or nothing. */
export function recordIdOf(notification: IngestNotification | undefined): string {
  if (!notification || notification.type === "page.rejected") {
    throw new Error(`expected a record notification, got ${JSON.stringify(notification)}`);
  }
  return notification.id;
}

/**
 * What the contract promises about one page's notifications under at-least-once delivery:
 * either exactly one record.created and any number of record.unchanged (redeliveries), or only
 * page.rejected, all for the same reason. Returns the notification that settled the page.
 */
export function settledOutcome(notifications: IngestNotification[]): IngestNotification {
  const described = JSON.stringify(notifications.map((n) => n.type));
  const rejections = notifications.filter((n) => n.type === "page.rejected");
  if (rejections.length > 0) {
    const codes = new Set(rejections.map((n) => (n.type === "page.rejected" ? n.reason.code : "")));
    if (rejections.length !== notifications.length || codes.size !== 1) {
      throw new Error(`a rejected page must only be rejected, for one reason: ${described}`);
    }
    return rejections[0] as IngestNotification;
  }
  const created = notifications.filter((n) => n.type === "record.created");
  const others = notifications.filter((n) => n.type !== "record.created" && n.type !== "record.unchanged");
  if (created.length !== 1 || others.length > 0) {
    throw new Error(`expected one record.created and only record.unchanged besides: ${described}`);
  }
  return created[0] as IngestNotification;
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
    waitForUri: (uri, count = 1, timeoutMs = NOTIFICATION_TIMEOUT_MS) =>
      eventually(() => {
        const found = forUri(uri);
        return found.length >= count ? found : undefined;
      }, timeoutMs),
    waitForMatch: (uri, matches, after = 0, timeoutMs = NOTIFICATION_TIMEOUT_MS) =>
      eventually(() => forUri(uri).slice(after).find(matches), timeoutMs),
    async stop() {
      abort.abort();
      await following;
    },
  };
}
