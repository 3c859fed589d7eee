import { describe, expect, it } from 'vitest';
import { LaneFailure, runInLanes } from './lanes.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

interface Item {
  offset: number;
  lane: string;
  /** Ticks the item takes. */
  ticks?: number;
}

const items = (lanes: string): Item[] => [...lanes].map((lane, offset) => ({ offset, lane }));

describe('runInLanes', () => {
  it('keeps a lane in order and runs different lanes at once, no more than the concurrency', async () => {
    const started: number[] = [];
    const order = new Map<string, number[]>();
    let running = 0;
    let most = 0;
    const finished = await runInLanes(items('aabcbacdd'), {
      laneOf: (item) => item.lane,
      concurrency: 3,
      shouldStop: () => false,
      run: async (item) => {
        started.push(item.offset);
        running += 1;
        most = Math.max(most, running);
        await tick();
        await tick();
        order.set(item.lane, [...(order.get(item.lane) ?? []), item.offset]);
        running -= 1;
      },
    });
    expect(finished).toBe(9);
    expect(most).toBe(3);
    expect(order.get('a')).toEqual([0, 1, 5]);
    expect(order.get('b')).toEqual([2, 4]);
    expect(order.get('c')).toEqual([3, 6]);
    expect(order.get('d')).toEqual([7, 8]);
    // The first three lanes started together.
    expect(started.slice(0, 3)).toEqual([0, 2, 3]);
  });

  it('with a concurrency of one, is one message after another in offset order within lanes', async () => {
    const seen: number[] = [];
    await runInLanes(items('abab'), {
      laneOf: (item) => item.lane,
      concurrency: 1,
      shouldStop: () => false,
      run: async (item) => {
        seen.push(item.offset);
        await tick();
      },
    });
    expect(seen).toEqual([0, 2, 1, 3]);
  });

  it('when told to stop, starts nothing new and counts only the prefix that finished', async () => {
    let stop = false;
    const ran: number[] = [];
    const finished = await runInLanes(items('abcabc'), {
      laneOf: (item) => item.lane,
      concurrency: 2,
      shouldStop: () => stop,
      run: async (item) => {
        ran.push(item.offset);
        // Lane b's first message is where the stop comes.
        if (item.offset === 1) stop = true;
        await tick();
      },
    });
    // Lane a ran offset 0; lane b ran 1 and then stopped; c never started.
    expect(ran).toEqual([0, 1]);
    expect(finished).toBe(2);
  });

  it('a throw waits for the lanes under way and reports the finished prefix', async () => {
    const done: number[] = [];
    const failing = runInLanes(items('abcd'), {
      laneOf: (item) => item.lane,
      concurrency: 4,
      shouldStop: () => false,
      run: async (item) => {
        if (item.offset === 2) throw new Error('database down');
        await tick();
        await tick();
        done.push(item.offset);
      },
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LaneFailure);
    expect((error as LaneFailure).message).toBe('database down');
    expect((error as LaneFailure).finished).toBe(2);
    // Those already under way finished before the failure was reported.
    expect(done.sort()).toEqual([0, 1, 3]);
  });

  it('an empty batch finishes at once', async () => {
    expect(
      await runInLanes([], { laneOf: String, concurrency: 4, shouldStop: () => false, run: async () => {} }),
    ).toBe(0);
  });
});
