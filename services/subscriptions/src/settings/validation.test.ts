import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS } from './validation.ts';

describe('applySettingsPatch', () => {
  it('canonicalises locale and time zone, trims the URL prefix, keeps what is left out', () => {
    const problems = new InputProblems();
    const settings = applySettingsPatch(
      DEFAULT_SETTINGS,
      { ticketUrlPrefix: ' https://tickets.example.com/ ', defaultLocale: 'zh-cn' },
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(settings).toEqual({
      ticketUrlPrefix: 'https://tickets.example.com/',
      defaultLocale: 'zh-CN',
      defaultTimeZone: 'UTC',
      outboundAllow: [],
    });
    expect(applySettingsPatch(settings!, { defaultTimeZone: 'Asia/Ho_Chi_Minh' }, problems)).toEqual({
      ...settings,
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('resets a field given as null', () => {
    const problems = new InputProblems();
    const current = {
      ticketUrlPrefix: 'https://x.example',
      defaultLocale: 'vi',
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
      outboundAllow: ['10.0.0.0/8'],
    };
    expect(
      applySettingsPatch(
        current,
        { ticketUrlPrefix: null, defaultLocale: null, defaultTimeZone: null, outboundAllow: null },
        problems,
      ),
    ).toEqual(DEFAULT_SETTINGS);
  });

  it('names every bad field', () => {
    const problems = new InputProblems();
    const settings = applySettingsPatch(
      DEFAULT_SETTINGS,
      {
        ticketUrlPrefix: 'ftp://tickets.example.com',
        defaultLocale: 'not a locale!',
        defaultTimeZone: 'Mars/Olympus',
      },
      problems,
    );
    expect(settings).toBeUndefined();
    expect(problems.list.map((p) => p.field)).toEqual([
      ['ticketUrlPrefix'],
      ['defaultLocale'],
      ['defaultTimeZone'],
    ]);
    const credentials = new InputProblems();
    applySettingsPatch(DEFAULT_SETTINGS, { ticketUrlPrefix: 'https://user:pw@x.example' }, credentials);
    expect(credentials.list.map((p) => p.field)).toEqual([['ticketUrlPrefix']]);
  });

  it('canonicalises the outbound allowlist and names each bad entry', () => {
    const problems = new InputProblems();
    const settings = applySettingsPatch(
      DEFAULT_SETTINGS,
      { outboundAllow: ['10.20.0.0/16', ' 10.1.2.3', 'Hooks.Corp.Example', '10.20.0.0/16'] },
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(settings?.outboundAllow).toEqual(['10.20.0.0/16', '10.1.2.3/32', 'hooks.corp.example']);
    expect(applySettingsPatch(settings!, { defaultLocale: 'vi' }, problems)?.outboundAllow).toEqual(
      settings?.outboundAllow,
    );

    const bad = new InputProblems();
    expect(
      applySettingsPatch(
        DEFAULT_SETTINGS,
        { outboundAllow: ['10.0.0.0/8', '10.0.0.0/33', '127.0.0.1'] },
        bad,
      ),
    ).toBeUndefined();
    expect(bad.list.map((p) => [p.field, p.message])).toEqual([
      [
        ['outboundAllow', '1'],
        'outbound allowlist entry "10.0.0.0/33" is not a CIDR range: the prefix length must be a whole number from 0 to 32',
      ],
      [
        ['outboundAllow', '2'],
        'outbound allowlist entry "127.0.0.1" covers loopback addresses, which a tenant cannot allow (only the platform\'s OUTBOUND_ALLOW can)',
      ],
    ]);
  });
});
