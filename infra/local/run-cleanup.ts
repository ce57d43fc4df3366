/**
 * Runs every clean-up step in order, even after one fails, so a part that
 * cannot stop never leaves the later ones (the emulator thread, servers)
 * running; then rethrows the first failure, if any.
 */
export async function runCleanup(steps: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) await step().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}
