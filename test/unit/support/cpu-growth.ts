/**
 * How a cost grows with its input, measured so that a loaded machine does
 * not fool it: CPU time of this process (not wall-clock, which other work on
 * the machine stretches), the least of a few runs, and only ratios between
 * sizes measured in the same process are compared.
 */

/** CPU milliseconds of one call, the least of `runs`. */
export function cpuMs(run: () => void, runs = 2): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

export interface Growth {
  sizes: number[];
  /** CPU ms per unit of input at each size */
  perUnit: number[];
  /** cost per unit at the largest size ÷ at the smallest: about 1 when linear, the size ratio when quadratic */
  ratio: number;
}

/** `make(size)` builds an input of about `size` units; `run` processes it. */
export function growth<T>(sizes: readonly number[], make: (size: number) => T, run: (input: T) => void): Growth {
  run(make(sizes[0] as number)); // warm-up: lazy tables and JIT are no part of the input's cost
  // 0.05 ms floor: a run too quick for the clock's resolution counts as that, not as zero
  const perUnit = sizes.map((size) => {
    const input = make(size);
    return (
      Math.max(
        cpuMs(() => run(input)),
        0.05,
      ) / size
    );
  });
  return { sizes: [...sizes], perUnit, ratio: (perUnit.at(-1) as number) / (perUnit[0] as number) };
}
