import { describe, expect, it } from 'vitest';
import { digestTitle, dingTalkDigest, larkDigest, sectionsThatFit, weComDigest } from './digest.ts';

describe('digestTitle', () => {
  it('names the ticket, or counts the tickets, in the group’s language', () => {
    expect(digestTitle(5, ['OPS-12', 'OPS-12'], 'en')).toBe('5 updates on OPS-12');
    expect(digestTitle(7, ['OPS-12', 'OPS-13', 'OPS-12'], 'en-GB')).toBe('7 updates on 2 tickets');
    expect(digestTitle(5, ['OPS-12'], 'zh-CN')).toBe('OPS-12 有 5 条更新');
    expect(digestTitle(3, ['A-1', 'B-2'], 'zh')).toBe('2 个工单有 3 条更新');
    expect(digestTitle(5, ['OPS-12'], 'vi')).toBe('5 cập nhật cho OPS-12');
    expect(digestTitle(4, ['A', 'B', 'C'], 'vi')).toBe('4 cập nhật cho 3 phiếu');
    expect(digestTitle(21, ['OPS-12'], 'fr')).toBe('21 updates on OPS-12');
  });

  it('declines Russian numbers', () => {
    expect(digestTitle(21, ['OPS-12'], 'ru')).toBe('21 обновление по OPS-12');
    expect(digestTitle(3, ['OPS-12'], 'ru')).toBe('3 обновления по OPS-12');
    expect(digestTitle(5, ['OPS-12'], 'ru')).toBe('5 обновлений по OPS-12');
    expect(digestTitle(5, ['A', 'B'], 'ru')).toBe('5 обновлений по 2 заявкам');
    expect(
      digestTitle(
        22,
        Array.from({ length: 21 }, (_, i) => `T-${i}`),
        'ru',
      ),
    ).toBe('22 обновления по 21 заявке');
  });
});

describe('sectionsThatFit', () => {
  it('packs sections in order up to the budget, counting separators and UTF-8 bytes', () => {
    expect(sectionsThatFit(['aaaa', 'bbbb', 'cccc'], 10, '--')).toBe(2);
    expect(sectionsThatFit(['aaaa', 'bbbb', 'cccc'], 9, '--')).toBe(1);
    // 工 is three bytes: two of them and a separator are 8 bytes.
    expect(sectionsThatFit(['工', '工', '工'], 8, '--')).toBe(2);
  });

  it('always takes the first, even when it alone is over (the provider cuts it to size)', () => {
    expect(sectionsThatFit(['x'.repeat(100), 'y'], 10, '--')).toBe(1);
  });
});

describe('merging messages into one digest', () => {
  it('DingTalk: every body once, a title heading, and everyone mentioned once', () => {
    const digest = dingTalkDigest(
      [
        {
          ticketKey: 'OPS-12',
          message: {
            msgtype: 'markdown',
            title: 'one',
            text: 'first @13800000001',
            at: { atMobiles: ['13800000001'], isAtAll: false },
          },
        },
        {
          ticketKey: 'OPS-12',
          message: {
            msgtype: 'markdown',
            title: 'two',
            text: 'second @13800000002 @13800000001',
            at: { atMobiles: ['13800000002', '13800000001'], isAtAll: true },
          },
        },
      ],
      'en',
    );
    expect(digest).toEqual({
      msgtype: 'markdown',
      title: '2 updates on OPS-12',
      text: '### 2 updates on OPS-12\n\nfirst @13800000001\n\n---\n\nsecond @13800000002 @13800000001',
      at: { atMobiles: ['13800000001', '13800000002'], isAtAll: true },
    });
  });

  it('Lark: the ticket button only when every update is about the same ticket', () => {
    const card = (markdown: string, ticketUrl: string) => ({
      ticketKey: 'K',
      message: { type: 'card' as const, title: 't', markdown, ticketUrl, buttonText: 'View ticket' },
    });
    expect(larkDigest([card('a', 'https://t/1'), card('b', 'https://t/1')], 'en')).toEqual({
      type: 'card',
      title: '2 updates on K',
      markdown: 'a\n\n---\n\nb',
      ticketUrl: 'https://t/1',
      buttonText: 'View ticket',
    });
    expect(larkDigest([card('a', 'https://t/1'), card('b', 'https://t/2')], 'en')).toEqual({
      type: 'card',
      title: '2 updates on K',
      markdown: 'a\n\n---\n\nb',
    });
  });

  it('WeCom: a title line, the updates, and each mobile (or @all) mentioned once', () => {
    const text = (content: string, mentionedMobileList: string[]) => ({
      ticketKey: 'OPS-1',
      message: { msgtype: 'text' as const, content, mentionedMobileList },
    });
    expect(weComDigest([text('a', ['138', '@all']), text('b', ['139', '138'])], 'zh')).toEqual({
      msgtype: 'text',
      content: 'OPS-1 有 2 条更新\n\na\n\n— — —\n\nb',
      mentionedMobileList: ['138', '@all', '139'],
    });
  });
});
