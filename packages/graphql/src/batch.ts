/**
 * Loads by key, batching every call made in the same tick into one `loadMany`: the gateway resolves a list
 * of entity references with one `_entities` request, and this turns it into one query instead of N.
 * Create one per request (in `buildContext`), so nothing is cached across callers or tenants.
 */
export function createBatchLoader<Key, Value>(
  loadMany: (keys: Key[]) => Promise<Map<Key, Value>>,
): (key: Key) => Promise<Value | null> {
  let pending: Array<{ key: Key; resolve: (value: Value | null) => void; reject: (error: unknown) => void }> =
    [];
  function dispatch(): void {
    const batch = pending;
    pending = [];
    const keys = [...new Set(batch.map((entry) => entry.key))];
    loadMany(keys).then(
      (found) => {
        for (const entry of batch) entry.resolve(found.get(entry.key) ?? null);
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  }
  return (key) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) Promise.resolve().then(() => process.nextTick(dispatch));
      pending.push({ key, resolve, reject });
    });
}
