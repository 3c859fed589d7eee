import { describe, expect, it } from 'vitest';
import {
  checkPhoneRegion,
  checkUserId,
  normaliseEmail,
  normaliseLocale,
  normalisePhone,
  normaliseTimeZone,
} from './validation.ts';

describe('normalisePhone', () => {
  it('keeps E.164 input and normalises spacing', () => {
    expect(normalisePhone('+86 138 0013 8000', null)).toEqual({ ok: true, value: '+8613800138000' });
  });

  it('reads a national number with its region', () => {
    expect(normalisePhone('138 0013 8000', 'CN')).toEqual({ ok: true, value: '+8613800138000' });
    expect(normalisePhone('(201) 555-0123', 'US')).toEqual({ ok: true, value: '+12015550123' });
    expect(normalisePhone('00 86 138 0013 8000', 'DE')).toEqual({ ok: true, value: '+8613800138000' });
  });

  it('asks for a region for a national number', () => {
    expect(normalisePhone('138 0013 8000', null)).toMatchObject({ ok: false, code: 'REGION_REQUIRED' });
  });

  it('refuses numbers that are not valid in their region', () => {
    expect(normalisePhone('12345', 'US')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/in US/),
    });
    expect(normalisePhone('+86 123', null).ok).toBe(false);
    expect(normalisePhone('call me', 'CN').ok).toBe(false);
  });
});

describe('other user fields', () => {
  it('checks regions', () => {
    expect(checkPhoneRegion('cn')).toEqual({ ok: true, value: 'CN' });
    expect(checkPhoneRegion('XX').ok).toBe(false);
  });

  it('canonicalises locales', () => {
    expect(normaliseLocale('zh-hans-cn')).toEqual({ ok: true, value: 'zh-Hans-CN' });
    expect(normaliseLocale('not a locale').ok).toBe(false);
  });

  it('validates emails and lower-cases the domain', () => {
    expect(normaliseEmail(' Ada@Example.COM ')).toEqual({ ok: true, value: 'Ada@example.com' });
    expect(normaliseEmail('ada@localhost').ok).toBe(false);
    expect(normaliseEmail('not an email').ok).toBe(false);
  });

  it('checks user ids', () => {
    expect(checkUserId(' u-1 ')).toEqual({ ok: true, value: 'u-1' });
    expect(checkUserId('').ok).toBe(false);
    expect(checkUserId('a b').ok).toBe(false);
  });
});

describe('normaliseTimeZone', () => {
  it('fixes the case of IANA names, UTC included, and keeps the name a person chose', () => {
    expect(normaliseTimeZone(' asia/saigon ')).toEqual({ ok: true, value: 'Asia/Saigon' });
    expect(normaliseTimeZone('Asia/Ho_Chi_Minh')).toEqual({ ok: true, value: 'Asia/Ho_Chi_Minh' });
    expect(normaliseTimeZone('utc')).toEqual({ ok: true, value: 'UTC' });
  });

  it('refuses unknown zones and bare UTC offsets', () => {
    expect(normaliseTimeZone('Mars/Olympus_Mons').ok).toBe(false);
    expect(normaliseTimeZone('+07:00').ok).toBe(false);
    expect(normaliseTimeZone('').ok).toBe(false);
  });
});
