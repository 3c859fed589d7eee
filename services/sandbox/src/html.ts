import type { RobotMessage } from './dingtalk-robot.ts';
import type { InboxItem } from './emulator.ts';

/**
 * The inbox page at `GET /` and the small renderers the emulators use to show a message roughly as the
 * platform would. Every function returning HTML escapes all message content itself.
 */

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `value` as a string when it is one, else ''. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Highlights `@someone` mentions in already-escaped text. */
function mentions(escaped: string): string {
  return escaped.replace(/(^|[\s(（,，])(@[^\s@<>&,，:：]+)/gu, '$1<span class="mention">$2</span>');
}

/** A link only for http(s) URLs; anything else (javascript:, data:) stays text. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(label || url);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label || url)}</a>`;
}

/** Inline markdown on escaped text: `**bold**`, `[label](url)`, `<@id>`/`<at …>` mentions, `@mentions`. */
function inline(escaped: string): string {
  return mentions(
    escaped
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(
        /\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g,
        (_, label: string, url: string) =>
          // label and url are already escaped, so they go in as they are.
          `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`,
      )
      .replace(/&lt;@([^&\s]+)&gt;/g, '<span class="mention">@$1</span>')
      .replace(
        /&lt;at (?:user_id|id|email)=&quot;([^&]*)&quot;&gt;(.*?)&lt;\/at&gt;/g,
        (_, id: string, name: string) => `<span class="mention">@${name || id}</span>`,
      ),
  );
}

/** Plain text as the platform shows it: line breaks kept, mentions highlighted. */
export function renderText(text: string): string {
  return `<div class="text">${inline(escapeHtml(text)).replaceAll('\n', '<br>')}</div>`;
}

/** The markdown subset DingTalk, WeCom and Lark cards render: headings, bold, links, quotes, lists. */
export function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = escapeHtml(raw);
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (quoted) {
      quote.push(inline(quoted[1] ?? ''));
      continue;
    }
    flushQuote();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level + 2}>${inline(heading[2] ?? '')}</h${level + 2}>`);
    } else if (/^\s*[-*]\s+/.test(line)) {
      out.push(`<div class="li">• ${inline(line.replace(/^\s*[-*]\s+/, ''))}</div>`);
    } else if (line.trim() === '') {
      out.push('<br>');
    } else {
      out.push(`<div>${inline(line)}</div>`);
    }
  }
  flushQuote();
  return `<div class="markdown">${out.join('')}</div>`;
}

/** Pretty JSON in a `<pre>`. */
export function renderJson(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2) ?? String(value))}</pre>`;
}

export function button(label: string, url: string): string {
  return /^https?:\/\//i.test(url)
    ? `<a class="button" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`
    : `<span class="button">${escapeHtml(label)}</span>`;
}

export function badge(text: string, ok: boolean): string {
  return `<span class="badge ${ok ? 'ok' : 'no'}">${escapeHtml(text)}</span>`;
}

/** A card: a header, body HTML (already safe) and buttons. */
export function card(header: string, body: string, buttons: string[] = [], template = ''): string {
  const tone = /^[a-z]+$/.test(template) ? ` tone-${template}` : '';
  return `<div class="card"><div class="card-header${tone}">${escapeHtml(header)}</div><div class="card-body">${body}${
    buttons.length ? `<div class="buttons">${buttons.join('')}</div>` : ''
  }</div></div>`;
}

/** DingTalk robot and DingTalk-app bodies share the msgtype shapes (`text`, `markdown`, `link`, `actionCard`, `feedCard`). */
export function renderDingTalkMessage(msgtype: string, part: Record<string, unknown>, at?: unknown): string {
  const atList = record(at);
  const mentioned = [
    ...list(atList.atMobiles).map(str),
    ...list(atList.atUserIds).map(str),
    ...(atList.isAtAll === true ? ['all'] : []),
  ].filter(Boolean);
  const atLine = mentioned.length
    ? `<div class="mentions">${mentioned.map((m) => `<span class="mention">@${escapeHtml(m)}</span>`).join(' ')}</div>`
    : '';
  switch (msgtype) {
    case 'text':
      return renderText(str(part.content)) + atLine;
    case 'markdown':
      return renderMarkdown(str(part.text)) + atLine;
    case 'link':
      return card(str(part.title), `${renderText(str(part.text))}`, [
        button('Open', str(part.messageUrl) || str(part.message_url)),
      ]);
    case 'actionCard':
    case 'action_card': {
      const buttons = list(part.btns).map((b) =>
        button(str(record(b).title), str(record(b).actionURL) || str(record(b).action_url)),
      );
      const single = str(part.singleTitle) || str(part.single_title);
      if (single) buttons.push(button(single, str(part.singleURL) || str(part.single_url)));
      return card(str(part.title), renderMarkdown(str(part.text) || str(part.markdown)), buttons);
    }
    case 'feedCard':
      return list(part.links)
        .map((l) => `<div>${link(str(record(l).messageURL), str(record(l).title))}</div>`)
        .join('');
    default:
      return renderJson(part);
  }
}

/** The built-in DingTalk robot's accepted messages as inbox items. */
export function robotInboxItems(messages: readonly RobotMessage[]): InboxItem[] {
  return messages.map((m) => {
    const body = record(m.body);
    const msgtype = str(body.msgtype);
    const part = record(body[msgtype]);
    return {
      vendor: 'dingtalk-robot',
      receivedAt: m.receivedAt,
      to: `robot ${m.accessToken}`,
      title: str(part.title) || msgtype,
      html: `${renderDingTalkMessage(msgtype, part, body.at)}${m.signed ? badge('signed', true) : ''}`,
    };
  });
}

/** The inbox page at `GET /`: every emulator's accepted messages, newest first. */
export function renderInbox(items: readonly InboxItem[], summary: string): string {
  const sorted = [...items]
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.receivedAt.localeCompare(a.item.receivedAt) || b.index - a.index)
    .map(({ item }) => item);
  const vendors = [...new Set(items.map((i) => i.vendor))].sort();
  const entries = sorted
    .map(
      (item) => `<article class="message vendor-${escapeHtml(item.vendor.replace(/[^a-z0-9-]/gi, ''))}">
<header><span class="vendor">${escapeHtml(item.vendor)}</span> <span class="to">to ${escapeHtml(item.to)}</span>
<time>${escapeHtml(item.receivedAt)}</time></header>
<h2>${escapeHtml(item.title)}</h2>
${item.html}
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tidings sandbox inbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; background: #f4f5f7; color: #1f2329; }
.message { background: #fff; border-radius: 8px; padding: .8rem 1rem; margin: 0 0 1rem; max-width: 46rem; box-shadow: 0 1px 2px #0002; }
.message header { font-size: .8rem; color: #646a73; display: flex; gap: .6rem; }
.message header time { margin-left: auto; }
.message h2 { font-size: 1rem; margin: .4rem 0; }
.vendor { font-weight: 600; text-transform: uppercase; }
.vendor-dingtalk-robot .vendor, .vendor-dingtalk-app .vendor { color: #1677ff; }
.vendor-lark .vendor { color: #3370ff; } .vendor-wecom .vendor { color: #07c160; }
.vendor-smtp .vendor { color: #c2410c; } .vendor-webhook .vendor { color: #7c3aed; }
.mention { color: #1677ff; background: #e8f0ff; border-radius: 3px; padding: 0 2px; }
blockquote { border-left: 3px solid #ccc; margin: .3rem 0; padding-left: .6rem; color: #555; }
.card { border: 1px solid #dee0e3; border-radius: 8px; overflow: hidden; }
.card-header { background: #eef3ff; font-weight: 600; padding: .5rem .8rem; }
.card-header.tone-red { background: #fde2e2; } .card-header.tone-green { background: #dcfce7; }
.card-header.tone-orange { background: #ffedd5; } .card-header.tone-blue { background: #dbeafe; }
.card-body { padding: .5rem .8rem; }
.buttons { margin-top: .5rem; display: flex; gap: .5rem; }
.button { display: inline-block; border: 1px solid #3370ff; color: #3370ff; border-radius: 4px; padding: .2rem .7rem; text-decoration: none; }
.badge { font-size: .75rem; border-radius: 10px; padding: .05rem .5rem; margin-left: .3rem; }
.badge.ok { background: #dcfce7; color: #166534; } .badge.no { background: #fee2e2; color: #991b1b; }
.mail-head { font-size: .85rem; color: #444; margin-bottom: .4rem; }
iframe { width: 100%; min-height: 16rem; border: 1px solid #ddd; background: #fff; }
pre { margin: 0; white-space: pre-wrap; background: #f7f7f9; padding: .4rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>Tidings sandbox inbox</h1>
<p>${escapeHtml(summary)} Messages: ${items.length}${
    vendors.length ? ` (${escapeHtml(vendors.join(', '))})` : ''
  }. Newest first; reload to refresh. Raw requests at <a href="/_sandbox/requests">/_sandbox/requests</a>.</p>
${entries || '<p>No messages yet.</p>'}
</body>
</html>
`;
}
