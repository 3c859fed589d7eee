import type { InboxItem } from '../emulator.ts';
import {
  badge,
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
import type { LarkAppMessage, LarkBotMessage } from './emulator.ts';

/** A Lark interactive card (v1 `elements` or v2 `body.elements`): header, body, buttons. */
function renderCard(value: unknown): string {
  const c = record(value);
  const header = record(c.header);
  const title = str(record(header.title).content) || str(header.title);
  const elements = list(c.elements).length ? list(c.elements) : list(record(c.body).elements);
  const buttons: string[] = [];
  const body = elements
    .map((raw) => {
      const element = record(raw);
      const tag = str(element.tag);
      const buttonOf = (b: Record<string, unknown>) =>
        button(
          str(record(b.text).content) || str(b.text),
          str(b.url) || str(record(b.multi_url).url) || str(record(b.behaviors).default_url),
        );
      if (tag === 'markdown') return renderMarkdown(str(element.content));
      if (tag === 'div') {
        const text = record(element.text);
        const fields = list(element.fields).map((f) => renderMarkdown(str(record(record(f).text).content)));
        return renderMarkdown(str(text.content)) + fields.join('');
      }
      if (tag === 'hr') return '<hr>';
      if (tag === 'note')
        return list(element.elements)
          .map((n) => renderText(str(record(n).content)))
          .join('');
      if (tag === 'action') {
        for (const b of list(element.actions)) buttons.push(buttonOf(record(b)));
        return '';
      }
      if (tag === 'button') {
        buttons.push(buttonOf(element));
        return '';
      }
      if (tag === 'img') return '<div>[image]</div>';
      return renderJson(element);
    })
    .join('');
  return card(title || '(card)', body, buttons, str(header.template));
}

/** A rich-text `post`: `{zh_cn: {title, content: [[{tag, text, href, user_id}]]}}`, or wrapped in `post`. */
function renderPost(value: unknown): { title: string; html: string } {
  const outer = record(value);
  const post = record(outer.post ?? outer);
  const locale = record(post.zh_cn ?? post.en_us ?? post.ja_jp ?? Object.values(post)[0]);
  const lines = list(locale.content).map((line) =>
    list(line)
      .map((raw) => {
        const e = record(raw);
        const tag = str(e.tag);
        if (tag === 'a')
          return button(str(e.text), str(e.href)).replace('class="button"', 'class="inline-link"');
        if (tag === 'at')
          return `<span class="mention">@${escapeHtml(str(e.user_name) || str(e.user_id))}</span>`;
        if (tag === 'md') return renderMarkdown(str(e.text));
        if (tag === 'img') return '[image]';
        return escapeHtml(str(e.text));
      })
      .join(''),
  );
  return { title: str(locale.title), html: `<div class="text">${lines.join('<br>')}</div>` };
}

function render(msgType: string, content: unknown): { title: string; html: string } {
  if (msgType === 'text') return { title: 'text', html: renderText(str(record(content).text)) };
  if (msgType === 'interactive') {
    const c = record(content);
    const cardValue = typeof c.card === 'string' ? safeParse(c.card) : (c.card ?? c);
    return {
      title: str(record(record(record(cardValue).header).title).content) || 'card',
      html: renderCard(cardValue),
    };
  }
  if (msgType === 'post') {
    const post = renderPost(content);
    return { title: post.title || 'post', html: post.html };
  }
  return { title: msgType, html: renderJson(content) };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function larkInboxItems(bot: readonly LarkBotMessage[], app: readonly LarkAppMessage[]): InboxItem[] {
  return [
    ...bot.map((m) => {
      const body = record(m.body);
      const shown = render(m.msgType, m.msgType === 'interactive' ? body : body.content);
      return {
        vendor: 'lark',
        receivedAt: m.receivedAt,
        to: `bot ${m.hookId}`,
        title: shown.title,
        html: shown.html + (m.signed ? badge('signed', true) : ''),
      };
    }),
    ...app.map((m) => {
      const shown = render(m.msgType, m.content);
      return { vendor: 'lark', receivedAt: m.receivedAt, to: m.openId, title: shown.title, html: shown.html };
    }),
  ];
}
