/** User + system CPU (ms) the calling thread has used since it started; NaN where /proc is missing. */
export function threadCpuMs(): number;
