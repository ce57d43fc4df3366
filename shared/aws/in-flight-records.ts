/**
 * The records one invocation handles side by side, and the queues where
 * they wait to share a call (PublishBatch, BatchWriteItem). Every batcher of
 * the invocation counts the same records in flight: a record waiting in one
 * queue runs towards no other. A queue's batch goes out when it is full,
 * when every record in flight waits in some queue, or maxWaitMs after its
 * first entry, whichever comes first.
 *
 * Queues are made in the order a record meets them (index writes, then its
 * notification). When every record waits, the first queue holding any sends:
 * the records it releases may yet join the later ones, which wait for them
 * (within their maxWaitMs) rather than send a call short of them.
 */
export interface InFlightRecords {
  /** Runs one record's work, counted as in flight until it settles. */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** A queue of the records' next wait: make them in the order a record meets them. */
  queue<E>(policy: QueuePolicy<E>): BatchQueue<E>;
}

export interface QueuePolicy<E> {
  /** the longest an entry waits for others to join it: a record held up elsewhere does not hold the rest */
  maxWaitMs: number;
  /** enough waits to fill a call: no reason to wait for more */
  isFull(entries: readonly E[]): boolean;
  /**
   * Sends the entries' batch. `all`: send everything (nothing more can join,
   * or the wait is over); else only what fills calls. Returns the entries
   * (or what is left of them) that still wait.
   */
  send(entries: E[], all: boolean): E[];
}

export interface BatchQueue<E> {
  /** One record's wait (one entry per waiting record, which the count of waiting records relies on). */
  add(entry: E): void;
}

interface Queue {
  waiting(): number;
  full(): boolean;
  flush(all: boolean): void;
}

export function inFlightRecords(): InFlightRecords {
  let inFlight = 0;
  const queues: Queue[] = [];
  let checking = false;

  // Decided once the current turn's work is done: records started in the same turn are all counted in flight.
  const check = () => {
    if (checking) return;
    checking = true;
    queueMicrotask(() => {
      checking = false;
      const waiting = queues.reduce((sum, queue) => sum + queue.waiting(), 0);
      const allWait = waiting > 0 && waiting >= inFlight;
      const first = queues.find((queue) => queue.waiting() > 0);
      for (const queue of queues) {
        if (allWait && queue === first) queue.flush(true);
        else if (queue.waiting() > 0 && queue.full()) queue.flush(false);
      }
    });
  };

  return {
    async track(work) {
      inFlight += 1;
      try {
        return await work();
      } finally {
        inFlight -= 1;
        check();
      }
    },
    queue<E>(policy: QueuePolicy<E>): BatchQueue<E> {
      let entries: E[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = (all: boolean) => {
        clearTimeout(timer);
        timer = undefined;
        const batch = entries;
        entries = [];
        entries = [...policy.send(batch, all), ...entries];
        if (entries.length > 0) timer = setTimeout(() => flush(true), policy.maxWaitMs);
      };
      queues.push({ waiting: () => entries.length, full: () => policy.isFull(entries), flush });
      return {
        add(entry) {
          entries.push(entry);
          check();
          timer ??= setTimeout(() => flush(true), policy.maxWaitMs);
        },
      };
    },
  };
}
