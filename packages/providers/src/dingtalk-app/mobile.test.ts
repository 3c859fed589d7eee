import { describe, expect, it } from 'vitest';
import { toDingTalkMobile } from './mobile.ts';

describe('toDingTalkMobile', () => {
  it('strips +86 from mainland numbers, as DingTalk stores them', () => {
    expect(toDingTalkMobile('+8613800138000')).toEqual({ ok: true, mobile: '13800138000' });
    expect(toDingTalkMobile('+86 138-0013-8000')).toEqual({ ok: true, mobile: '13800138000' });
    expect(toDingTalkMobile('008613800138000')).toEqual({ ok: true, mobile: '13800138000' });
    expect(toDingTalkMobile('8613800138000')).toEqual({ ok: true, mobile: '13800138000' });
  });

  it('accepts a bare 11-digit mainland number', () => {
    expect(toDingTalkMobile('13800138000')).toEqual({ ok: true, mobile: '13800138000' });
  });

  it('passes other countries as E.164', () => {
    expect(toDingTalkMobile('+852 9123 4567')).toEqual({ ok: true, mobile: '+85291234567' });
  });

  it('rejects what is not a number, and +86 numbers that are not mobiles', () => {
    for (const bad of ['', 'abc', '+', '+0123456789', '12345', '+86 10 1234 5678', '+861380013800']) {
      expect(toDingTalkMobile(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('') });
      expect(toDingTalkMobile(bad).ok).toBe(false);
    }
  });
});
