import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { createTicketEvent } from '@tidings/events';
import { platformMobile } from '@tidings/providers';
import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe.ts';
import { renderDingTalkRobotMarkdown } from './dingtalk-robot.ts';
import { renderLarkBotCard } from './lark-bot.ts';
import { renderWebhookEvent, webhookEventType } from './webhook.ts';
import { renderWeComRobotText } from './wecom-robot.ts';

const event = createTicketEvent({
  eventId: 'e1',
  tenantId: 't1',
  projectId: 'p1',
  occurredAt: timestampFromMs(0),
  actor: { id: 'u2' },
  ticket: {
    id: 'tk1',
    key: 'OPS-7',
    title: 'Disk full',
    url: 'https://tracker.example/OPS-7',
    status: 'Open',
  },
  change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Cleaning up\n# not a heading' } },
  attributes: { severity: 'high' },
});
const creator = {
  tenantId: 't1',
  id: 'u1',
  name: 'Lan',
  email: 'lan@example.com',
  phone: '+8613800000001',
  locale: 'en',
  updatedAt: '',
};
const description = describeEvent(event, 'Minh');

describe('renderDingTalkRobotMarkdown', () => {
  it('names and links the ticket, quotes the comment and mentions recipients by mobile', () => {
    expect(renderDingTalkRobotMarkdown(description, [creator], [])).toEqual({
      msgtype: 'markdown',
      title: '[OPS-7] Disk full',
      text: [
        '#### [OPS-7 Disk full](https://tracker.example/OPS-7)',
        '',
        '**Minh** commented:',
        '',
        '> Cleaning up',
        '> # not a heading',
        '',
        'Status: Open',
        '',
        '@13800000001',
      ].join('\n'),
      at: { atMobiles: ['13800000001'], isAtAll: false },
    });
  });

  it('carries a keyword when the text has none of the robot keywords', () => {
    expect(renderDingTalkRobotMarkdown(description, [], ['Tidings']).text.endsWith('\n\nTidings')).toBe(true);
    expect(renderDingTalkRobotMarkdown(description, [], ['Disk']).text).not.toContain('\n\nDisk');
  });
});

describe('renderLarkBotCard', () => {
  it('sends markdown as a card with a button to the ticket, naming recipients', () => {
    expect(renderLarkBotCard(description, [creator], ['alert'])).toEqual({
      type: 'card',
      title: '[OPS-7] Disk full',
      markdown:
        '**Minh** commented:\n\n> Cleaning up\n> # not a heading\n\nStatus: Open\n\nFor: Lan\n\nalert',
      ticketUrl: 'https://tracker.example/OPS-7',
      buttonText: 'View ticket',
    });
  });
});

describe('renderWeComRobotText', () => {
  it('is plain text that mentions recipients by mobile', () => {
    expect(renderWeComRobotText(description, [creator])).toEqual({
      msgtype: 'text',
      content:
        '[OPS-7] Disk full\nMinh commented:\n\n  Cleaning up\n  # not a heading\nStatus: Open\nhttps://tracker.example/OPS-7',
      mentionedMobileList: ['13800000001'],
    });
  });
});

describe('renderWebhookEvent', () => {
  it('builds the documented envelope', () => {
    expect(renderWebhookEvent({ event, deliveryId: 'd1', actor: undefined, recipients: [creator] })).toEqual({
      type: 'ticket.comment_added',
      deliveryId: 'd1',
      occurredAt: '1970-01-01T00:00:00Z',
      tenantId: 't1',
      projectId: 'p1',
      ticket: {
        id: 'tk1',
        key: 'OPS-7',
        title: 'Disk full',
        status: 'Open',
        url: 'https://tracker.example/OPS-7',
      },
      actor: { id: 'u2', name: null, email: null },
      recipients: [{ id: 'u1', name: 'Lan', email: 'lan@example.com' }],
      change: { commentId: 'c1', body: 'Cleaning up\n# not a heading' },
      attributes: { severity: 'high' },
    });
  });

  it('names custom changes by their own type', () => {
    const custom = createTicketEvent({
      eventId: 'e2',
      change: { case: 'custom', value: { type: 'pipeline.failed' } },
    });
    expect(webhookEventType(custom)).toBe('custom.pipeline.failed');
  });
});

describe('platformMobile', () => {
  it('drops +86 for mainland numbers and keeps E.164 otherwise', () => {
    expect(platformMobile('+8613800000001')).toBe('13800000001');
    expect(platformMobile('+84912345678')).toBe('+84912345678');
  });
});
