/**
 * Bounded concurrency for API calls: a collection makes hundreds of requests, and AWS throttles per
 * account and Region, so only a few are in flight at once (also kind to a 2-core machine).
 */

/** Runs a function when a slot is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Creates a limiter allowing at most `max` tasks at once, first come first served.
 *
 * @param max - the number of slots (at least 1)
 */
export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter so no newcomer can slip in between.
    if (next) next();
    else active -= 1;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * Maps items through an async function, at most `max` at a time, keeping the input order.
 *
 * @param items - the inputs
 * @param max - how many may run at once
 * @param fn - the work for one item
 */
export async function mapLimit<T, R>(items: readonly T[], max: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = createLimiter(max);
  return Promise.all(items.map((item, index) => limit(() => fn(item, index))));
}
