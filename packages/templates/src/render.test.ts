// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are templates, `${…}` is their variable syntax
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './defaults/index.ts';
import { renderTemplate, ticketUrlOf } from './render.ts';
import { renderContext, showZeroWidth, ticketEvent } from './test-events.ts';

const nastyComment = 'see [x](http://evil)\n# heading\n<script>alert(1)</script> @all';

describe('renderTemplate with the shipped defaults', () => {
  it('writes a comment to a DingTalk group in English: link first, comment quoted, time, mentions last', () => {
    const event = ticketEvent({
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'On it.\nRestarting now.' } },
    });
    const rendered = renderTemplate(
      defaultTemplate('commentAdded', 'markdown', 'en'),
      'markdown',
      renderContext(event, { mentions: '@13800000001 @13800000002' }),
    );
    expect(rendered).toEqual({
      title: '[OPS-12] Disk full on db-1',
      body: [
        '#### [OPS-12 Disk full on db-1](https://tickets.example.com/tickets/12)',
        '',
        '**Lan** commented:',
        '',
        '> On it.',
        '> Restarting now.',
        '',
        'Status: Open',
        '',
        '2026-11-22 16:30 (Asia/Ho_Chi_Minh)',
        '',
        '@13800000001 @13800000002',
      ].join('\n'),
    });
  });

  it('drops the mentions line in a message to one person', () => {
    const event = ticketEvent({
      change: { case: 'statusChanged', value: { fromStatus: 'Mới', toStatus: 'Đang xử lý' } },
    });
    const rendered = renderTemplate(
      defaultTemplate('statusChanged', 'markdown', 'vi'),
      'markdown',
      renderContext(event, { locale: 'vi-VN' }),
    );
    expect(rendered.body).toBe(
      [
        '#### [OPS-12 Disk full on db-1](https://tickets.example.com/tickets/12)',
        '',
        '**Lan** đã chuyển trạng thái từ Mới sang **Đang xử lý**',
        '',
        '2026-11-22 16:30 (Asia/Ho_Chi_Minh)',
      ].join('\n'),
    );
  });

  it('writes a comment on a Lark card in Russian, every line of it quoted', () => {
    const event = ticketEvent({
      actor: { id: 'u-ivan' },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: 'Смотрю.\n<at id=all></at> срочно' } },
    });
    const rendered = renderTemplate(
      defaultTemplate('commentAdded', 'lark-card', 'ru'),
      'lark-card',
      renderContext(event, { locale: 'ru', timeZone: 'Europe/Moscow', mentions: '<at id=all></at>' }),
    );
    expect(showZeroWidth(rendered.body)).toBe(
      [
        '[OPS-12 Disk full on db-1](https://tickets.example.com/tickets/12)',
        '**Иван** оставил(а) комментарий:',
        '> Смотрю.',
        '> <{zw}at id=all><{zw}/at> срочно',
        'Статус: Open',
        '2026-11-22 12:30 (Europe/Moscow)',
        '<at id=all></at>',
      ].join('\n'),
    );
  });

  it('writes a Lark card in Chinese, with the time in Shanghai', () => {
    const rendered = renderTemplate(
      defaultTemplate('created', 'lark-card', 'zh-CN'),
      'lark-card',
      renderContext(ticketEvent({ actor: { id: 'u-zhang', displayName: '张三' } }), {
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(rendered).toEqual({
      title: '[OPS-12] Disk full on db-1',
      body: [
        '[OPS-12 Disk full on db-1](https://tickets.example.com/tickets/12)',
        '**张三** 创建了工单',
        '状态：Open · 优先级：High',
        '2026-11-22 17:30 (Asia/Shanghai)',
      ].join('\n'),
    });
  });

  it('writes an email in Vietnamese as an escaped HTML fragment; the subject stays plain text', () => {
    const event = ticketEvent({
      ticket: {
        id: 'tk-12',
        key: 'OPS-12',
        title: 'Ổ đĩa <db-1> đầy',
        url: 'https://tracker.example.vn/t/12?a=1&b=2',
        status: 'Mới',
      },
      change: { case: 'commentAdded', value: { commentId: 'c1', body: nastyComment } },
    });
    const rendered = renderTemplate(
      defaultTemplate('commentAdded', 'email', 'vi'),
      'email',
      renderContext(event, { locale: 'vi' }),
    );
    expect(rendered).toEqual({
      title: '[OPS-12] Ổ đĩa <db-1> đầy',
      body: [
        '<p><a href="https://tracker.example.vn/t/12?a=1&amp;b=2">OPS-12 Ổ đĩa &lt;db-1&gt; đầy</a></p>',
        '<p><strong>Lan</strong> đã bình luận:</p>',
        '<blockquote>see [x](http://evil)<br>',
        '# heading<br>',
        '&lt;script&gt;alert(1)&lt;/script&gt; @all</blockquote>',
        '<p>Trạng thái: Mới</p>',
        '<p><small>2026-11-22 16:30 (Asia/Ho_Chi_Minh)</small></p>',
      ].join('\n'),
    });
  });

  it('writes assignee changes as plain text in Russian, names from the directory when the event has none', () => {
    const event = ticketEvent({
      ticket: { id: 'tk-12', key: 'OPS-12', title: 'Диск заполнен', assignees: [{ id: 'u-ivan' }] },
      change: { case: 'assigneesChanged', value: { added: [{ id: 'u-ivan' }], removed: [] } },
    });
    const rendered = renderTemplate(
      defaultTemplate('assigneesChanged', 'text', 'ru-RU'),
      'text',
      renderContext(event, { locale: 'ru-RU', timeZone: 'Europe/Moscow', ticketUrlPrefix: null }),
    );
    expect(rendered).toEqual({
      title: '[OPS-12] Диск заполнен',
      body: [
        'OPS-12 Диск заполнен',
        'Lan изменил(а) исполнителей',
        'Добавлены: Иван',
        'Сняты: —',
        'Исполнители: Иван',
        '2026-11-22 12:30 (Europe/Moscow)',
      ].join('\n'),
    });
  });

  it('lists names the Chinese way in an email', () => {
    const event = ticketEvent({
      actor: { id: 'u-zhang', displayName: '张三' },
      ticket: {
        id: 'tk-12',
        key: 'OPS-12',
        title: '磁盘已满',
        assignees: [{ id: 'u-li', displayName: '李四' }, { id: 'u-an' }],
      },
      change: { case: 'assigneesChanged', value: { added: [{ id: 'u-an' }], removed: [] } },
    });
    const rendered = renderTemplate(
      defaultTemplate('assigneesChanged', 'email', 'zh-CN'),
      'email',
      renderContext(event, { locale: 'zh-CN', timeZone: 'Asia/Shanghai', ticketUrlPrefix: null }),
    );
    expect(rendered.body).toBe(
      [
        '<p>OPS-12 磁盘已满</p>',
        '<p><strong>张三</strong> 调整了处理人</p>',
        '<ul>',
        '<li>新增：An</li>',
        '<li>移除：—</li>',
        '<li>当前处理人：李四、An</li>',
        '</ul>',
        '<p><small>2026-11-22 17:30 (Asia/Shanghai)</small></p>',
      ].join('\n'),
    );
  });

  it('writes a workflow step change in WeCom markdown in Chinese', () => {
    const event = ticketEvent({
      ticket: {
        id: 'tk-12',
        key: 'OPS-12',
        title: '磁盘已满',
        url: 'https://sqle.example.cn/w/12',
        status: '审核中',
      },
      change: {
        case: 'workflowStepChanged',
        value: { fromStep: { name: '提交' }, toStep: { name: '审核' } },
      },
    });
    const rendered = renderTemplate(
      defaultTemplate('workflowStepChanged', 'markdown', 'zh-CN'),
      'markdown',
      renderContext(event, { timeZone: 'Asia/Shanghai' }),
    );
    expect(rendered.body).toBe(
      [
        '#### [OPS-12 磁盘已满](https://sqle.example.cn/w/12)',
        '',
        '**Lan** 将工单从「提交」环节流转至「**审核**」环节',
        '',
        '状态：审核中',
        '',
        '2026-11-22 17:30 (Asia/Shanghai)',
      ].join('\n'),
    );
  });

  it('writes the generic custom default with its type and every attribute, custom ones winning', () => {
    const event = ticketEvent({
      actor: undefined,
      attributes: { PIPELINE_NAME: 'from-event', BRANCH: 'main' },
      change: {
        case: 'custom',
        value: { type: 'pipeline.failed', attributes: { PIPELINE_NAME: 'deploy-prod' } },
      },
    });
    const rendered = renderTemplate(
      defaultTemplate('custom:pipeline.failed', 'markdown', 'ru'),
      'markdown',
      renderContext(event, { locale: 'ru', timeZone: 'Europe/Moscow' }),
    );
    expect(rendered).toEqual({
      title: '[OPS-12] pipeline.failed · Disk full on db-1',
      body: [
        '#### [OPS-12 Disk full on db-1](https://tickets.example.com/tickets/12)',
        '',
        'Событие **pipeline.failed**',
        '',
        '- **PIPELINE_NAME**: deploy-prod',
        '- **BRANCH**: main',
        '',
        'Статус: Open',
        '',
        '2026-11-22 12:30 (Europe/Moscow)',
      ].join('\n'),
    });
  });
});

describe('renderTemplate escaping', () => {
  const event = ticketEvent({
    ticket: {
      id: 'tk-1',
      key: 'OPS-1',
      title: '[click](http://evil) <at id=all></at>',
      url: 'https://t.example.com/1',
    },
    change: { case: 'commentAdded', value: { commentId: 'c1', body: nastyComment } },
  });

  for (const format of ['markdown', 'lark-card'] as const) {
    it(`keeps untrusted ${format} text from becoming a link, heading, tag or mention`, () => {
      const { body } = renderTemplate(
        { title: 't', body: '${ticket.link}\n\n> ${comment.body}\n${ticket.title}' },
        format,
        renderContext(event),
      );
      expect(body).not.toMatch(/\]\(http:\/\/evil/);
      expect(body).not.toMatch(/^[>\s]*#/m);
      expect(body).not.toContain('<script');
      expect(body).not.toContain('<at');
      expect(body).not.toContain('@all');
      // Still readable: only invisible characters were added, and the real link survives.
      expect(body.replace(/\u200B/g, '')).toContain('see [x](http://evil)');
      expect(
        body.startsWith(
          '[OPS-1 [click]\u200B(http://evil) <\u200Bat id=all><\u200B/at>](https://t.example.com/1)',
        ),
      ).toBe(true);
      expect(showZeroWidth(body)).toContain('> {zw}# heading');
    });
  }

  it('escapes HTML in email bodies, values only', () => {
    const { body } = renderTemplate(
      { title: 't', body: '<p>${comment.body}</p>' },
      'email',
      renderContext(event),
    );
    expect(body).toBe(
      '<p>see [x](http://evil)<br>\n# heading<br>\n&lt;script&gt;alert(1)&lt;/script&gt; @all</p>',
    );
  });

  it('leaves plain text as it is, keeping a quoted comment quoted', () => {
    expect(renderTemplate({ title: 't', body: '${comment.body}' }, 'text', renderContext(event)).body).toBe(
      nastyComment,
    );
    expect(
      renderTemplate({ title: 't', body: 'Said:\n> ${comment.body}\nEnd' }, 'text', renderContext(event))
        .body,
    ).toBe('Said:\n> see [x](http://evil)\n> # heading\n> <script>alert(1)</script> @all\nEnd');
  });

  it('never links a ticket url that is not http(s)', () => {
    const evil = ticketEvent({
      ticket: { id: 'tk-1', key: 'OPS-1', title: 'x', url: 'javascript:alert(1)' },
    });
    expect(renderTemplate({ title: 't', body: '${ticket.link}' }, 'markdown', renderContext(evil)).body).toBe(
      'OPS-1 x',
    );
    expect(
      renderTemplate({ title: 't', body: '<p>${ticket.link}</p>' }, 'email', renderContext(evil)).body,
    ).toBe('<p>OPS-1 x</p>');
  });

  it('percent-encodes characters that would end a Markdown link early', () => {
    const odd = ticketEvent({
      ticket: { id: 'tk-1', key: 'OPS-1', title: 'x', url: 'https://t.example.com/a (b)' },
    });
    expect(renderTemplate({ title: 't', body: '${ticket.link}' }, 'markdown', renderContext(odd)).body).toBe(
      '[OPS-1 x](https://t.example.com/a%20%28b%29)',
    );
  });
});

describe('renderTemplate variables', () => {
  it("fills seed 004's DingTalk pipeline markdown, spelt with attributes.*", () => {
    const template = {
      title: '${attributes.PIPELINE_NAME} ${attributes.PIPELINE_STATUS}',
      body: '### ${attributes.PIPELINE_NAME}\n\n- Status: ${attributes.PIPELINE_STATUS}\n- Unknown: [${attributes.NOT_SENT}]\n\n${mentions}',
    };
    const event = ticketEvent({
      attributes: { PIPELINE_NAME: 'nightly', PIPELINE_STATUS: 'queued' },
      change: {
        case: 'custom',
        value: { type: 'pipeline.failed', attributes: { PIPELINE_STATUS: 'failed' } },
      },
    });
    expect(renderTemplate(template, 'markdown', renderContext(event, { mentions: '@all' }))).toEqual({
      title: 'nightly failed',
      body: '### nightly\n\n- Status: failed\n- Unknown: []\n\n@all',
    });
  });

  it('names the ticket without its link in titles, on one line', () => {
    const event = ticketEvent({
      change: { case: 'commentAdded', value: { commentId: 'c', body: 'two\nlines' } },
    });
    expect(
      renderTemplate({ title: '${ticket.link}: ${comment.body}', body: 'x' }, 'email', renderContext(event))
        .title,
    ).toBe('OPS-12 Disk full on db-1: two lines');
  });

  it('renders unknown variables empty and $${ as a literal ${', () => {
    const event = ticketEvent();
    expect(
      renderTemplate(
        { title: '${nope} $${ticket.key}', body: 'a${ticket.titel}b $${x}' },
        'text',
        renderContext(event),
      ),
    ).toEqual({
      title: '${ticket.key}',
      body: 'ab ${x}',
    });
  });

  it('fills every ticket, actor and change variable', () => {
    const event = ticketEvent({
      ticket: {
        id: 'tk-7',
        key: '',
        title: 'Export',
        type: 'data-export',
        status: 'Done',
        currentStep: { id: 's2', name: 'Review' },
        assignees: [],
      },
      actor: { id: 'u-an' },
    });
    const body = [
      '${ticket.id}|${ticket.key}|${ticket.name}|${ticket.type}|${ticket.step}|${ticket.url}',
      '${actor.id}|${actor.name}|${project.id}|${event.type}|${assignees}|${ticket.priority}',
    ].join('\n');
    expect(
      renderTemplate({ title: '${event.type}', body }, 'text', renderContext(event, { locale: 'vi' })),
    ).toEqual({
      title: 'Tạo ticket',
      body: 'tk-7|tk-7|Export|data-export|Review|\nu-an|An|ops|Tạo ticket|chưa có ai|—',
    });
  });

  it('shows times in the reader zone, and in UTC when the zone is unknown', () => {
    const event = ticketEvent();
    const time = (timeZone: string) =>
      renderTemplate({ title: 't', body: '${event.time}' }, 'text', renderContext(event, { timeZone })).body;
    expect(time('America/New_York')).toBe('2026-11-22 04:30 (America/New_York)');
    expect(time('Mars/Olympus')).toBe('2026-11-22 09:30 (UTC)');
    expect(time('')).toBe('2026-11-22 09:30 (UTC)');
  });
});

describe('ticketUrlOf', () => {
  const withTicket = (url: string, path: string) => ticketEvent({ ticket: { id: 't', url, path } });
  it('joins the prefix and the path with exactly one slash', () => {
    expect(ticketUrlOf(withTicket('', '/tickets/12'), 'https://x.example.com/')).toBe(
      'https://x.example.com/tickets/12',
    );
    expect(ticketUrlOf(withTicket('', 'tickets/12'), 'https://x.example.com')).toBe(
      'https://x.example.com/tickets/12',
    );
    expect(ticketUrlOf(withTicket('', '//tickets/12'), 'https://x.example.com//')).toBe(
      'https://x.example.com/tickets/12',
    );
  });
  it("prefers the ticket's own url and is null without url, path or prefix", () => {
    expect(ticketUrlOf(withTicket('https://own/1', '/tickets/1'), 'https://x')).toBe('https://own/1');
    expect(ticketUrlOf(withTicket('', '/tickets/1'), null)).toBeNull();
    expect(ticketUrlOf(withTicket('', ''), 'https://x')).toBeNull();
  });
});
