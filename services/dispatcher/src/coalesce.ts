/**
 * Gathers what concurrent callers ask of one slow resource into shared calls: a group commit. While a call
 * is out, callers queue; when it returns, everyone waiting goes in the next call (up to `maxSize`). A caller
 * arriving when nothing is out goes at once, so gathering never adds a wait, and under load each call
 * carries many callers' work for the price of one round trip.
 *
 * The sender's lanes use it for the ledger's statements and for producing: with eight lanes, eight claims
 * become one statement instead of eight queued for connections.
 */
export function coalesce<In, Out>(options: {
  /** One call for all of `inputs`; resolves to one output per input, in their order. */
  run(inputs: In[]): Promise<Out[]>;
  /** A caller's share of `maxSize` (1 each unless given). A caller larger than the limit goes alone. */
  sizeOf?(input: In): number;
  maxSize?: number;
}): (input: In) => Promise<Out> {
  const sizeOf = options.sizeOf ?? (() => 1);
  const maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
  const queue: Array<{ input: In; size: number; resolve(out: Out): void; reject(error: unknown): void }> = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const carried = [queue.shift()!];
        let size = carried[0]!.size;
        while (queue.length > 0 && size + queue[0]!.size <= maxSize) {
          size += queue[0]!.size;
          carried.push(queue.shift()!);
        }
        try {
          const outputs = await options.run(carried.map((caller) => caller.input));
          carried.forEach((caller, index) => {
            caller.resolve(outputs[index]!);
          });
        } catch (error) {
          for (const caller of carried) caller.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ input, size: sizeOf(input), resolve, reject });
      if (!running) void drain();
    });
}
