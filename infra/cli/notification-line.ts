import type { IngestNotification } from "../../shared/events/ingest-notification";

/** One readable line per ingest notification, for `docket events`. */
export function notificationLine(notification: IngestNotification | { unparsed: string }): string {
  if ("unparsed" in notification) return `?  ${notification.unparsed}`;
  const time = notification.at.replace(/\.\d{3}Z$/, "Z");
  if (notification.type === "page.rejected") {
    return [
      time,
      notification.type.padEnd(16),
      `${notification.reason.code}: ${notification.reason.message}`,
      notification.uri,
    ].join("  ");
  }
  const fields = [
    time,
    notification.type.padEnd(16),
    notification.id,
    notification.meetingDate ?? "-",
    notification.region?.name ?? "-",
    notification.title ?? "(untitled)",
  ];
  if (notification.reason) fields.push(`(${notification.reason})`);
  fields.push(notification.uri);
  return fields.join("  ");
}
