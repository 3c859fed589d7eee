// biome-ignore-all lint/suspicious/noTemplateCurlyInString: templates are written in the engine's ${…} syntax, not JavaScript.
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { createTicketEvent, eventTypeOf, type TicketEventInit } from '@tidings/events';
import type { TemplateState, TenantSettingsState, UserState } from '@tidings/state';
import { ticketUrlOf } from '@tidings/templates';
import { describe, expect, it } from 'vitest';
import { renderDingTalkRobotMarkdown } from './dingtalk-robot.ts';
import { renderLarkBotCard } from './lark-bot.ts';
import {
  type Audience,
  byAudience,
  groupAudience,
  type MessageSource,
  personalAudience,
  renderer,
  withKeyword,
  withMentions,
} from './message.ts';
import { htmlToText, renderDingTalkWorkNotification, renderEmail, renderLarkAppCard } from './personal.ts';
import { renderWebhookEvent, webhookEventType } from './webhook.ts';
import { renderWeComRobotText } from './wecom-robot.ts';

const commentEvent: TicketEventInit = {
  eventId: 'e1',
  tenantId: 't1',
  projectId: 'p1',
  // 2026-09-21 14:13 UTC
  occurredAt: timestampFromMs(1_790_000_000_000),
  actor: { id: 'minh' },
  ticket: {
    id: 'tk1',
    key: 'OPS-7',
    title: 'Disk full',
    url: 'https://tracker.example/OPS-7',
    status: 'Open',
  },
  change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Cleaning up' } },
  attributes: { severity: 'high' },
};

/** Seed 004: a pipeline's failure, posted to a DingTalk group by a robot with the tenant's own markdown. */
const pipelineEvent: TicketEventInit = {
  ...commentEvent,
  eventId: 'e2',
  ticket: { id: 'run-81', key: 'PIPE-81', title: 'Nightly build', url: 'https://ci.example/runs/81' },
  change: { case: 'custom', value: { type: 'pipeline.failed' } },
  attributes: { PIPELINE_NAME: 'nightly-build', BRANCH: 'main' },
};

const person = (id: string, name: string, extra: Partial<UserState> = {}): UserState => ({
  tenantId: 't1',
  id,
  name,
  email: `${id}@example.com`,
  phone: null,
  locale: 'en',
  timeZone: 'UTC',
  updatedAt: '',
  ...extra,
});
const lan = person('lan', 'Lan', { phone: '+8613800000001', locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' });
const wei = person('wei', 'Wei', { phone: '+8613800000003', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
const minh = person('minh', 'Minh', { phone: '+8613800000002' });
const people = new Map([lan, wei, minh].map((user) => [user.id, user]));

const template = (fields: Partial<TemplateState> & Pick<TemplateState, 'id' | 'format' | 'body'>) => ({
  tenantId: 't1',
  name: fields.id,
  eventType: null,
  locale: 'en',
  title: 'Pipeline ${attributes.PIPELINE_NAME} failed',
  updatedAt: '2026-01-01T00:00:00Z',
  ...fields,
});

function source(
  init: TicketEventInit,
  options: { templates?: TemplateState[]; templateId?: string; prefix?: string } = {},
): MessageSource {
  const event = createTicketEvent(init);
  return {
    event,
    eventType: eventTypeOf(event),
    templates: options.templates ?? [],
    templateId: options.templateId ?? null,
    ticketUrlPrefix: options.prefix ?? null,
    ticketUrl: ticketUrlOf(event, options.prefix ?? null),
    userName: (id) => people.get(id)?.name,
  };
}

const en: Audience = { locale: 'en', timeZone: 'UTC' };

describe('a DingTalk robot with seed 004 custom markdown', () => {
  const custom = template({
    id: 'tpl-pipeline',
    format: 'markdown',
    // The tenant's own markdown: a variable from the pipeline, and where the mentions go.
    body: '### ${attributes.PIPELINE_NAME} failed on ${attributes.BRANCH}\n\n${ticket.link}\n\n${mentions}',
  });
  const render = renderer(
    source(pipelineEvent, { templates: [custom], templateId: 'tpl-pipeline' }),
    'markdown',
    en,
  );

  it('fills the variables and mentions the mobiles and @all where the template puts them, once', () => {
    expect(renderDingTalkRobotMarkdown(render, [lan], { mentionAll: true, keywords: [] })).toEqual({
      msgtype: 'markdown',
      title: 'Pipeline nightly-build failed',
      text: [
        '### nightly-build failed on main',
        '',
        '[PIPE-81 Nightly build](https://ci.example/runs/81)',
        '',
        '@13800000001 @all',
      ].join('\n'),
      at: { atMobiles: ['13800000001'], isAtAll: true },
    });
  });

  it('appends the @mobile line when the template leaves ${mentions} out, since DingTalk needs it in the text', () => {
    const silent = { ...custom, body: '### ${attributes.PIPELINE_NAME} failed' };
    const message = renderDingTalkRobotMarkdown(
      renderer(source(pipelineEvent, { templates: [silent], templateId: silent.id }), 'markdown', en),
      [lan, wei],
      { mentionAll: false, keywords: [] },
    );
    expect(message.text).toBe('### nightly-build failed\n\n@13800000001 @13800000003');
    expect(message.at).toEqual({ atMobiles: ['13800000001', '13800000003'], isAtAll: false });
  });

  it('carries a robot keyword when neither the text nor the title has one', () => {
    expect(
      renderDingTalkRobotMarkdown(render, [], { mentionAll: false, keywords: ['Tidings'] }).text,
    ).toMatch(/\n\nTidings$/);
    expect(
      renderDingTalkRobotMarkdown(render, [], { mentionAll: false, keywords: ['nightly'] }).text,
    ).not.toMatch(/\n\nnightly$/);
  });
});

describe('group messages without a tenant template', () => {
  it('use the shipped default in the tenant language, linking the ticket', () => {
    const settings: TenantSettingsState = {
      tenantId: 't1',
      ticketUrlPrefix: null,
      defaultLocale: 'vi',
      defaultTimeZone: 'Asia/Ho_Chi_Minh',
      updatedAt: '',
    };
    const message = renderDingTalkRobotMarkdown(
      renderer(source(commentEvent), 'markdown', groupAudience(settings)),
      [minh],
      { mentionAll: false, keywords: [] },
    );
    expect(message.title).toBe('[OPS-7] Disk full');
    expect(message.text).toContain('[OPS-7 Disk full](https://tracker.example/OPS-7)');
    expect(message.text).toContain('**Minh** đã bình luận');
    expect(message.text).toContain('2026-09-21 21:13');
    expect(message.text.match(/@13800000002/g)).toHaveLength(1);
  });

  it('default to English and UTC when the tenant set neither', () => {
    expect(groupAudience(undefined)).toEqual({ locale: 'en', timeZone: 'UTC' });
  });
});

describe('a message to one person', () => {
  const settings: TenantSettingsState = {
    tenantId: 't1',
    ticketUrlPrefix: null,
    defaultLocale: 'vi',
    defaultTimeZone: 'Asia/Ho_Chi_Minh',
    updatedAt: '',
  };

  it("is in the person's own language and time zone", () => {
    expect(personalAudience({ ...minh, locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, settings)).toEqual({
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
  });

  it("is in the tenant's when the person chose neither (seed 000: a Vietnamese team reads Vietnamese)", () => {
    expect(personalAudience({ ...minh, locale: null, timeZone: null }, settings)).toEqual({
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });
});

describe('the tenant URL prefix (seed 002)', () => {
  const pathOnly: TicketEventInit = {
    ...commentEvent,
    ticket: { id: 'wo-3', key: 'WO-3', title: 'Replace pump', path: '/work-orders/3' },
  };
  const withPrefix = source(pathOnly, { prefix: 'https://erp.example/' });

  it('links path-only tickets in every kind of message', () => {
    const url = 'https://erp.example/work-orders/3';
    const dingtalk = renderDingTalkRobotMarkdown(renderer(withPrefix, 'markdown', en), [], {
      mentionAll: false,
      keywords: [],
    });
    expect(dingtalk.text).toContain(`[WO-3 Replace pump](${url})`);
    const card = renderLarkBotCard(renderer(withPrefix, 'lark-card', en), [], {
      mentionAll: false,
      keywords: [],
      locale: 'en',
    });
    expect(card).toMatchObject({ ticketUrl: url, buttonText: 'View ticket' });
    const hook = renderWebhookEvent({
      event: withPrefix.event,
      deliveryId: 'd1',
      actor: minh,
      recipients: [],
      render: renderer(withPrefix, 'text', en),
    });
    expect(hook.ticket.url).toBe(url);
  });

  it('leaves a path-only ticket unlinked when the tenant has no prefix', () => {
    const render = renderer(source(pathOnly), 'markdown', en);
    expect(render().ticketUrl).toBeNull();
    expect(render().body).not.toContain('](');
  });
});

describe('per-person messages', () => {
  const settings = undefined;

  it('are rendered once per language and time zone', () => {
    const batch = [lan, wei, person('an', 'An', { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' })].map(
      (user) => ({ user }),
    );
    expect(byAudience(batch, settings).map((g) => [g.audience, g.people.map((p) => p.user.id)])).toEqual([
      [{ locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' }, ['lan', 'an']],
      [{ locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, ['wei']],
    ]);
  });

  it('speak Vietnamese to a vi reader in their time zone', () => {
    const [group] = byAudience([{ user: lan }], settings);
    const message = renderer(source(commentEvent), 'markdown', group!.audience)();
    const notification = renderDingTalkWorkNotification(message);
    expect(notification.title).toBe('[OPS-7] Disk full');
    expect(notification.text).toContain('**Minh** đã bình luận');
    expect(notification.text).toContain('2026-09-21 21:13');
    // The default shows the time already: DingTalk's once-a-day rule is met without a second stamp.
    expect(notification.text.split('2026-09-21 21:13')).toHaveLength(2);
  });

  it('speak Chinese to a zh-CN reader, in cards and email alike', () => {
    const [group] = byAudience([{ user: wei }], settings);
    const card = renderLarkAppCard(renderer(source(commentEvent), 'lark-card', group!.audience)(), 'zh-CN');
    expect(card).toMatchObject({
      type: 'card',
      buttonText: '查看工单',
      ticketUrl: 'https://tracker.example/OPS-7',
    });
    expect(card.type === 'card' && card.markdown).toContain('发表了评论');
    const email = renderEmail(renderer(source(commentEvent), 'email', group!.audience)(), 'wei@example.com');
    expect(email.subject).toBe('[OPS-7] Disk full');
    expect(email.html).toContain('<strong>Minh</strong>');
    expect(email.text).toContain('Minh 发表了评论');
    expect(email.text).toContain('2026-09-21 22:13');
    expect(email.text).not.toMatch(/<[a-z]/);
  });

  it('stamp a DingTalk work notification with the time when the template does not show it', () => {
    const terse = template({ id: 'terse', format: 'markdown', body: '${ticket.key} changed' });
    const message = renderer(
      source(commentEvent, { templates: [terse], templateId: 'terse' }),
      'markdown',
      en,
    )();
    expect(renderDingTalkWorkNotification(message).text).toBe('OPS-7 changed\n\n---\n2026-09-21 14:13 (UTC)');
  });
});

describe('renderLarkBotCard', () => {
  it('<at>-mentions people whose open_id Tidings knows, names the others, and @all on request', () => {
    const card = renderLarkBotCard(
      renderer(source(commentEvent), 'lark-card', en),
      [
        { user: lan, openId: 'ou_lan' },
        { user: wei, openId: null },
      ],
      { mentionAll: true, keywords: [], locale: 'en' },
    );
    expect(card.type === 'card' && card.markdown).toMatch(/<at id=ou_lan><\/at> @Wei <at id=all><\/at>$/);
    expect(card.type === 'card' && card.markdown.match(/<at id=ou_lan>/g)).toHaveLength(1);
  });

  it('keeps names and ids from opening markup where they are inserted', () => {
    const card = renderLarkBotCard(
      renderer(source(commentEvent), 'lark-card', en),
      [
        { user: { ...wei, name: '<at id=all></at>[x](y)' }, openId: null },
        { user: lan, openId: 'ou_1></at><at id=all' },
      ],
      { mentionAll: false, keywords: [], locale: 'en' },
    );
    expect(card.type === 'card' && card.markdown).toMatch(/@at id=all\/atxy <at id=ou_1atatidall><\/at>$/);
  });
});

describe('renderWeComRobotText', () => {
  it('is plain text and mentions recipients by mobile, and everyone with @all', () => {
    const message = renderWeComRobotText(renderer(source(commentEvent), 'text', en), [lan, minh], {
      mentionAll: true,
    });
    expect(message).toMatchObject({
      msgtype: 'text',
      mentionedMobileList: ['13800000001', '13800000002', '@all'],
    });
    expect(message.content).toContain('Minh commented');
    expect(message.content).not.toContain('**');
  });
});

describe('renderWebhookEvent', () => {
  it('keeps the documented envelope and adds the rendered title and text', () => {
    const hookSource = source(commentEvent);
    expect(
      renderWebhookEvent({
        event: hookSource.event,
        deliveryId: 'd1',
        actor: undefined,
        recipients: [lan],
        render: renderer(hookSource, 'text', en),
      }),
    ).toMatchObject({
      type: 'ticket.comment_added',
      deliveryId: 'd1',
      occurredAt: '2026-09-21T14:13:20Z',
      tenantId: 't1',
      projectId: 'p1',
      ticket: {
        id: 'tk1',
        key: 'OPS-7',
        title: 'Disk full',
        status: 'Open',
        url: 'https://tracker.example/OPS-7',
      },
      actor: { id: 'minh', name: null, email: null },
      recipients: [{ id: 'lan', name: 'Lan', email: 'lan@example.com' }],
      change: { commentId: 'c1', body: 'Cleaning up' },
      attributes: { severity: 'high' },
      title: '[OPS-7] Disk full',
      text: expect.stringContaining('Minh commented:'),
    });
  });

  it('names custom changes by their own type', () => {
    expect(webhookEventType(createTicketEvent(pipelineEvent))).toBe('custom.pipeline.failed');
  });
});

describe('helpers', () => {
  it('withMentions appends only whole tokens the text lacks', () => {
    expect(withMentions('ping @13800000001', ['@13800000001'])).toBe('ping @13800000001');
    expect(withMentions('ping @138000000012', ['@13800000001'])).toBe('ping @138000000012\n\n@13800000001');
  });

  it('withKeyword looks in the title too', () => {
    expect(withKeyword('body', 'Tidings alert', ['Tidings'])).toBe('body');
  });

  it('htmlToText keeps links and lines, drops markup and decodes entities', () => {
    expect(
      htmlToText('<p><a href="https://x.example/1">OPS-1 &amp; co</a></p>\n<blockquote>a<br>b</blockquote>'),
    ).toBe('OPS-1 & co (https://x.example/1)\n\na\nb');
  });
});
