import { describe, expect, it } from 'vitest';
import { signDingTalkRobot } from './sign.ts';

describe('signDingTalkRobot', () => {
  it('matches the reference test vector', () => {
    expect(signDingTalkRobot('SECtest', 1600000000003)).toBe('grA0ZRsx9a7/cTk/aA5I+BR1saCzjuyhjTLjSTgnGTQ=');
  });

  it('URL-encodes to the reference query value exactly once through URLSearchParams', () => {
    const query = new URLSearchParams({ sign: signDingTalkRobot('SECtest', 1600000000003) }).toString();
    expect(query).toBe('sign=grA0ZRsx9a7%2FcTk%2FaA5I%2BBR1saCzjuyhjTLjSTgnGTQ%3D');
  });

  it('depends on both the timestamp and the secret', () => {
    const base = signDingTalkRobot('SECtest', 1600000000003);
    expect(signDingTalkRobot('SECtest', 1600000000004)).not.toBe(base);
    expect(signDingTalkRobot('SECtesu', 1600000000003)).not.toBe(base);
  });

  it('rejects a timestamp that is not an integer', () => {
    expect(() => signDingTalkRobot('SECtest', 1600000000.5)).toThrow(RangeError);
    expect(() => signDingTalkRobot('SECtest', Number.NaN)).toThrow(RangeError);
  });
});
