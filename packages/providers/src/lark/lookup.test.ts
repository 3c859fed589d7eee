import { describe, expect, it } from 'vitest';
import {
  batchLarkLookup,
  buildLarkLookupRequest,
  larkLookupResultFor,
  normalizeLarkMobile,
  parseLarkUserList,
} from './lookup.ts';

describe('lookup helpers', () => {
  it('batches ≤ 50 emails and ≤ 50 mobiles per call', () => {
    const emails = Array.from({ length: 120 }, (_, i) => `u${i}@x.cn`);
    const mobiles = Array.from({ length: 30 }, (_, i) => `+86138000000${String(i).padStart(2, '0')}`);
    const batches = batchLarkLookup(emails, mobiles);
    expect(batches.map((b) => [b.emails.length, b.mobiles.length])).toEqual([
      [50, 30],
      [50, 0],
      [20, 0],
    ]);
    expect(batchLarkLookup([], [])).toEqual([]);
  });

  it('request: include_resigned, open_id, bearer', () => {
    expect(
      buildLarkLookupRequest({ tenantAccessToken: 't-1', batch: { emails: ['a@x.cn'], mobiles: [] } }),
    ).toEqual({
      url: 'https://open.feishu.cn/open-apis/contact/v3/users/batch_get_id?user_id_type=open_id',
      body: '{"emails":["a@x.cn"],"include_resigned":true}',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer t-1' },
    });
  });

  it('mobiles: mainland numbers as is, others need +cc', () => {
    expect(normalizeLarkMobile('138 0013-8000')).toEqual({ ok: true, mobile: '13800138000' });
    expect(normalizeLarkMobile('+65 9123 4567')).toEqual({ ok: true, mobile: '+6591234567' });
    expect(normalizeLarkMobile('91234567')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/\+ and the country code/),
    });
  });

  it('results: found / resigned / not found (missing user_id, with the scope caveat)', () => {
    const entries = parseLarkUserList({
      user_list: [
        { user_id: 'ou_a', email: 'A@x.cn', status: { is_resigned: false } },
        { user_id: 'ou_b', mobile: '+6591234567', status: { is_resigned: true } },
        { email: 'ghost@x.cn' },
      ],
    });
    expect(larkLookupResultFor({ email: 'a@x.cn' }, entries)).toEqual({
      input: { email: 'a@x.cn' },
      result: 'found',
      openId: 'ou_a',
    });
    expect(larkLookupResultFor({ mobile: '+6591234567' }, entries)).toMatchObject({
      result: 'resigned',
      openId: 'ou_b',
    });
    expect(larkLookupResultFor({ email: 'ghost@x.cn' }, entries)).toMatchObject({
      result: 'not_found',
      reason: expect.stringMatching(/outside the app’s contact scope/),
    });
  });
});
