import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { createTicketEvent } from '@tidings/events';
import { describe, expect, it } from 'vitest';
import { dingTalkMobile, renderDingTalkRobotMarkdown } from './dingtalk-robot.ts';

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
});
const creator = {
  tenantId: 't1',
  id: 'u1',
  name: 'Lan',
  email: null,
  phone: '+8613800000001',
  locale: 'en',
  updatedAt: '',
};

describe('renderDingTalkRobotMarkdown', () => {
  it('names and links the ticket, quotes the comment and mentions recipients by mobile', () => {
    expect(
      renderDingTalkRobotMarkdown({ event, recipients: [creator], actorName: 'Minh', keywords: [] }),
    ).toEqual({
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
    const message = renderDingTalkRobotMarkdown({
      event,
      recipients: [],
      actorName: 'Minh',
      keywords: ['Tidings'],
    });
    expect(message.text.endsWith('\n\nTidings')).toBe(true);
    const already = renderDingTalkRobotMarkdown({
      event,
      recipients: [],
      actorName: 'Minh',
      keywords: ['Disk'],
    });
    expect(already.text).not.toContain('\n\nDisk');
  });
});

describe('dingTalkMobile', () => {
  it('drops +86 for mainland numbers and keeps E.164 otherwise', () => {
    expect(dingTalkMobile('+8613800000001')).toBe('13800000001');
    expect(dingTalkMobile('+84912345678')).toBe('+84912345678');
  });
});
