import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLarkBot } from './sign.ts';

describe('signLarkBot', () => {
  // Both vectors from /work/shared/reference/providers.md §3.1.
  it.each([
    [100, 'jquNHnVOwmDRfw+vqTIrY5dooJAgi5EcRtLsQE4wfXg='],
    [1599360473, 'l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8='],
  ])('secret "demo", ts %i → reference vector', (ts, expected) => {
    expect(signLarkBot('demo', ts)).toBe(expected);
  });

  it('is not the DingTalk recipe (key=secret, message=ts\\nsecret), which openlark-webhook 0.15.0 uses', () => {
    const dingTalkStyle = createHmac('sha256', 'demo').update('100\ndemo').digest('base64');
    expect(signLarkBot('demo', 100)).not.toBe(dingTalkStyle);
  });

  it('rejects milliseconds passed as non-integers and negative values', () => {
    expect(() => signLarkBot('demo', 1.5)).toThrow(RangeError);
    expect(() => signLarkBot('demo', -1)).toThrow(RangeError);
  });
});
