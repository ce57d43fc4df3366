import type { ExportFormat } from "./export-rows";
import { href } from "./html";

/**
 * Where the web app's pages are, as links a browser follows: every link,
 * form action and download link is built here, under the base path the
 * pages are served from. In AWS that is the stage ("/prod", the
 * execute-api URL) or a custom domain's base path mapping; locally, and on a
 * custom domain mapped at its root, it is empty (web-request-paths.ts).
 */
export interface SitePaths {
  /** the prefix of every page's path: "" or "/segment…", never ending in "/" */
  readonly base: string;
  /** the meetings list (the home page), with filters or a cursor */
  list(query?: Record<string, string | undefined>): string;
  meeting(id: string): string;
  person(name: string): string;
  download(format: ExportFormat, query?: Record<string, string | undefined>): string;
}

export function sitePaths(base = ""): SitePaths {
  return {
    base,
    list: (query = {}) => href(`${base}/`, query),
    meeting: (id) => `${base}/meeting/${encodeURIComponent(id)}`,
    person: (name) => `${base}/person/${encodeURIComponent(name)}`,
    download: (format, query = {}) => href(`${base}/download/meetings.${format}`, query),
  };
}
