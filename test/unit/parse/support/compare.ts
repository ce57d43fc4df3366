/** How the lead's scorer compares text: NFKC, all whitespace removed. */
export function scorerForm(value: string | null | undefined): string | null | undefined {
  return value == null ? value : value.normalize("NFKC").replace(/\s+/g, "");
}
