/**
 * Runs the messages of a fetched batch in lanes: messages with the same lane key one after another, in offset
 * order; different lanes at the same time, at most `concurrency` at once. A consumer that handles one message
 * at a time spends most of its time waiting on the network (a database, a platform, the broker); lanes keep
 * that waiting overlapped while whatever must stay in order (one ticket's updates) still does.
 *
 * Returns how many messages, from the batch's first, all finished: the offsets that may be committed. Every
 * message finishes unless `shouldStop` turns true midway (no new message is started then) or one throws.
 * A throw stops new messages from starting, waits for those under way, and is rethrown with the finished
 * prefix attached (`LaneFailure`), so the caller can commit that much before giving up.
 */
export async function runInLanes<T>(
  items: readonly T[],
  options: {
    laneOf(item: T): string;
    concurrency: number;
    run(item: T): Promise<void>;
    shouldStop(): boolean;
  },
): Promise<number> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = options.laneOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(index);
    else lanes.set(key, [index]);
  });
  const waiting = [...lanes.values()];
  const finished = new Array<boolean>(items.length).fill(false);
  let failure: { error: unknown } | undefined;

  async function worker(): Promise<void> {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
      for (const index of lane) {
        if (failure || options.shouldStop()) return;
        try {
          await options.run(items[index]!);
          finished[index] = true;
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  }

  const workers = Math.max(1, Math.min(options.concurrency, waiting.length));
  await Promise.all(Array.from({ length: workers }, worker));
  let prefix = 0;
  while (prefix < items.length && finished[prefix]) prefix += 1;
  if (failure) throw new LaneFailure(failure.error, prefix);
  return prefix;
}

/** A message of the batch threw: `finished` messages from the batch's first had all finished by then. */
export class LaneFailure extends Error {
  readonly finished: number;
  constructor(cause: unknown, finished: number) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'LaneFailure';
    this.finished = finished;
  }
}
