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
    };
    expect(
      applySettingsPatch(
        current,
        { ticketUrlPrefix: null, defaultLocale: null, defaultTimeZone: null },
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
});
