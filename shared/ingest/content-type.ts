import { extname } from "node:path";

/**
 * Content-Type for an uploaded page, from its extension. No charset: the
 * parser detects the encoding from the bytes, and a guessed charset here
 * would only mislead it.
 */
const BY_EXTENSION: Record<string, string> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".shtml": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".txt": "text/plain",
  ".text": "text/plain",
  ".xml": "application/xml",
  ".json": "application/json",
  ".pdf": "application/pdf",
};

export function contentTypeFor(path: string): string {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? "application/octet-stream";
}
