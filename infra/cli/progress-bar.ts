/**
 * A one-line progress bar on a terminal (stderr), nothing otherwise, so
 * piped or logged output holds only the summary line.
 */
export interface ProgressBar {
  update(done: number, total: number, detail?: string): void;
  finish(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let drawn = false;
  let lastDraw = 0;
  return {
    update(done, total, detail = "") {
      const now = Date.now();
      // Redraw at most every 50 ms, and always for the last item.
      if (done < total && now - lastDraw < 50) return;
      lastDraw = now;
      const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
      stream.write(`\r[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${done}/${total} ${detail}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}
