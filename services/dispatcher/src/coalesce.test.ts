import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

/** A resource whose calls finish when the test says so, recording what each carried. */
function slowResource() {
  const calls: string[][] = [];
  const pending: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  const run = (inputs: string[]) => {
    calls.push(inputs);
    return new Promise<string[]>((resolve, reject) =>
      pending.push({ resolve: () => resolve(inputs.map((input) => input.toUpperCase())), reject }),
    );
  };
  const finish = async (how: 'ok' | Error = 'ok') => {
    const next = pending.shift()!;
    if (how === 'ok') next.resolve();
    else next.reject(how);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, calls, finish };
}

describe('coalesce', () => {
  it('calls at once when nothing is out, and gathers the callers that arrive meanwhile into the next call', async () => {
    const resource = slowResource();
    const call = coalesce({ run: resource.run });
    const a = call('a');
    expect(resource.calls).toEqual([['a']]);
    const b = call('b');
    const c = call('c');
    expect(resource.calls).toHaveLength(1);
    await resource.finish();
    expect(await a).toBe('A');
    expect(resource.calls).toEqual([['a'], ['b', 'c']]);
    await resource.finish();
    expect([await b, await c]).toEqual(['B', 'C']);
  });

  it('rejects only the callers of the call that failed', async () => {
    const resource = slowResource();
    const call = coalesce({ run: resource.run });
    const a = call('a').catch((error: unknown) => error);
    const b = call('b');
    await resource.finish(new Error('database away'));
    expect(await a).toEqual(new Error('database away'));
    await resource.finish();
    expect(await b).toBe('B');
  });

  it('keeps each call within the size limit, a caller over it alone', async () => {
    const resource = slowResource();
    const call = coalesce({ run: resource.run, sizeOf: (input) => input.length, maxSize: 4 });
    const results = [call('x'), call('yy'), call('zz'), call('wwwwwwww'), call('v')];
    for (let i = 0; i < 4; i++) await resource.finish();
    expect(await Promise.all(results)).toEqual(['X', 'YY', 'ZZ', 'WWWWWWWW', 'V']);
    expect(resource.calls).toEqual([['x'], ['yy', 'zz'], ['wwwwwwww'], ['v']]);
  });
});
