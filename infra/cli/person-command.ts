import type { Command } from "commander";
import type { PersonPage } from "../../shared/query/people-service";
import { commandAction } from "./command-action";
import { padToWidth } from "./display-width";
import { resolveTarget } from "./pipeline-target";
import { getJson } from "./query-api-client";

/** The person page as text: posts with their spans, then meetings with roles, newest first. */
export function personText(page: PersonPage): string {
  const lines = [page.name, "", "posts:"];
  for (const post of page.posts ?? []) {
    lines.push(`  ${padToWidth(post.title, 24)} ${post.firstSeen ?? "?"} – ${post.lastSeen ?? "?"}`);
  }
  if ((page.posts ?? []).length === 0) lines.push("  (none)");
  lines.push("", "meetings:");
  for (const m of page.meetings) {
    lines.push(
      `  ${m.date ?? m.sortDate}  ${padToWidth(m.roles.join(","), 18)} ${m.id}  ${m.meetingName ?? m.title ?? ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `docket person NAME`: GET /people/{name}, as text (or the API's JSON with --json). */
export function registerPersonCommand(program: Command): void {
  program
    .command("person")
    .argument("<name>", "the person's name, in either script")
    .option("--json", "print the API's JSON answer")
    .option("--stage <name>", "a deployed stage instead of the local pipeline")
    .action(
      commandAction("person", async (name: string, options: { json?: boolean; stage?: string }) => {
        const target = await resolveTarget({ stage: options.stage, withApiKey: true });
        const page = await getJson<PersonPage>(
          target.apiUrl,
          `/people/${encodeURIComponent(name)}`,
          { limit: "100" },
          target.apiKey,
        );
        process.stdout.write(options.json ? `${JSON.stringify(page)}\n` : personText(page));
        if (page.cursor) process.stderr.write(`more meetings than shown: ${page.meetings.length} listed\n`);
      }),
    );
}
