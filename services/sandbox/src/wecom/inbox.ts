import type { InboxItem } from '../emulator.ts';
import {
  button,
  card,
  escapeHtml,
  list,
  record,
  renderJson,
  renderMarkdown,
  renderText,
  str,
} from '../html.ts';
import type { WeComInboxMessage } from './emulator.ts';

function render(msgtype: string, part: Record<string, unknown>): { title: string; html: string } {
  if (msgtype === 'text') {
    const mentioned = [...list(part.mentioned_list), ...list(part.mentioned_mobile_list)]
      .map(str)
      .filter(Boolean);
    const line = mentioned.length
      ? `<div class="mentions">${mentioned
          .map((m) => `<span class="mention">@${escapeHtml(m === '@all' ? 'all' : m)}</span>`)
          .join(' ')}</div>`
      : '';
    return { title: 'text', html: renderText(str(part.content)) + line };
  }
  if (msgtype === 'markdown' || msgtype === 'markdown_v2')
    return { title: msgtype, html: renderMarkdown(str(part.content)) };
  if (msgtype === 'textcard') {
    const description = str(part.description).replace(/<[^>]*>/g, '');
    return {
      title: str(part.title) || 'textcard',
      html: card(str(part.title), renderText(description), [
        button(str(part.btntxt) || '详情', str(part.url)),
      ]),
    };
  }
  if (msgtype === 'news') {
    const articles = list(part.articles).map((a) => {
      const article = record(a);
      return card(str(article.title), renderText(str(article.description)), [
        button('阅读全文', str(article.url)),
      ]);
    });
    return { title: 'news', html: articles.join('') };
  }
  return { title: msgtype, html: renderJson(part) };
}

export function wecomInboxItems(messages: readonly WeComInboxMessage[]): InboxItem[] {
  return messages.map((m) => {
    const shown = render(m.msgtype, record(m.body[m.msgtype]));
    return {
      vendor: 'wecom',
      receivedAt: m.receivedAt,
      to: m.channel === 'robot' ? `robot ${m.robotKey ?? ''}` : (m.userid ?? str(m.body.touser)),
      title: shown.title,
      html: shown.html,
    };
  });
}
