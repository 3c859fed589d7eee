import { describe, expect, it } from 'vitest';
import { deliveredSummary, failureSummary, notFound, outcomeResult, sentence, waitWords } from './summary.ts';

describe('summaries', () => {
  it('are single sentences', () => {
    expect(sentence('check the secret.')).toBe('Check the secret.');
    expect(sentence('  done  ')).toBe('Done.');
  });

  it('say where a delivered test went', () => {
    expect(deliveredSummary('dingtalk-robot', { kind: 'group' })).toBe('Delivered to the group.');
    expect(deliveredSummary('wecom-robot', { kind: 'group-mention', phone: '+8613800138000' })).toBe(
      'Delivered to the group, mentioning +8613800138000.',
    );
    expect(
      deliveredSummary('lark-app', {
        kind: 'person',
        given: 'a@example.com',
        platformId: 'ou_1',
        platformIdName: 'open_id',
      }),
    ).toBe('Delivered to a@example.com (open_id ou_1).');
    expect(
      outcomeResult(
        'lark-app',
        { kind: 'delivered', httpStatus: 200, providerMessageId: 'om_1' },
        { kind: 'group' },
      ),
    ).toEqual({ ok: true, summary: 'Delivered to the group.', providerMessageId: 'om_1' });
  });

  it('name the vendor, its code and the provider reason for a permanent failure', () => {
    expect(
      failureSummary('dingtalk-robot', {
        kind: 'permanent',
        code: '310000',
        reason:
          "signature does not match: check the robot's signing secret (the whole string starting with SEC)",
      }),
    ).toBe(
      "DingTalk rejected the test message (310000): signature does not match: check the robot's signing secret (the whole string starting with SEC).",
    );
  });

  it('say when to try again, once, for a rate limit', () => {
    expect(
      failureSummary('lark-bot', {
        kind: 'retry',
        retryAfterSeconds: 60,
        code: '11232',
        reason: 'bot rate-limited by Lark/Feishu (11232): more than 100/min; retry after 60 s',
      }),
    ).toBe(
      'Lark/Feishu did not take the test message this time: bot rate-limited by Lark/Feishu (11232): more than 100/min; retry after 60 s.',
    );
    expect(
      failureSummary('wecom-robot', {
        kind: 'retry',
        retryAfterSeconds: 5,
        code: '-1',
        reason: 'WeCom is busy',
      }),
    ).toBe('WeCom did not take the test message this time (-1): WeCom is busy; try again in 5 s.');
  });

  it('put long waits in minutes', () => {
    expect(
      failureSummary('dingtalk-robot', {
        kind: 'retry',
        retryAfterSeconds: 600,
        code: '130101',
        reason:
          'robot throttled by DingTalk: more than 20 messages a minute; it accepts messages again after 10 minutes',
      }),
    ).toBe(
      'DingTalk did not take the test message this time (130101): robot throttled by DingTalk: more than 20 messages a minute; it accepts messages again after 10 minutes; try again in 10 min.',
    );
    expect(waitWords(0)).toBe('1 s');
    expect(waitWords(90)).toBe('90 s');
    expect(waitWords(7200)).toBe('2 h');
  });

  it('blame the network, not the vendor, when nothing answered', () => {
    const outcome = {
      kind: 'retry' as const,
      retryAfterSeconds: 30,
      code: 'timeout',
      reason: 'no answer within 5000 ms',
    };
    expect(failureSummary('webhook', outcome)).toBe(
      'Tidings could not reach the webhook URL: no answer within 5000 ms; try again in 30 s.',
    );
    expect(outcomeResult('webhook', outcome, { kind: 'webhook' })).toMatchObject({
      ok: false,
      kind: 'retry',
      code: 'timeout',
    });
  });

  it('make an unknown phone clear', () => {
    expect(notFound('dingtalk-app', '+8613900000009', 'phone', '60121')).toEqual({
      ok: false,
      kind: 'not-found',
      code: '60121',
      summary:
        'Phone +8613900000009 is not registered in DingTalk for this app: check the number, and that the person is a member the app can see.',
    });
  });
});
