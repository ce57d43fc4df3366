// CPU time of the calling thread, for the bench's per-thread figures: process.cpuUsage() sums every
// thread, and event-loop utilisation counts time the OS kept a busy thread waiting on a loaded machine.
// Linux only (/proc/thread-self names the thread that reads it); elsewhere NaN.
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** User + system CPU (ms) this thread has used since it started; NaN where /proc is missing. */
export function threadCpuMs() {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
