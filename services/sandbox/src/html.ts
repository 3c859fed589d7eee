import type { RobotMessage } from './dingtalk-robot.ts';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The inbox page at `GET /`: accepted robot messages, newest first. */
export function renderInbox(messages: readonly RobotMessage[], robotCount: number): string {
  const rows = [...messages]
    .reverse()
    .map((m) => {
      const body = m.body as { msgtype?: unknown } | null;
      return `<tr><td>${escapeHtml(m.receivedAt)}</td><td><code>${escapeHtml(m.accessToken)}</code></td><td>${
        m.signed ? 'yes' : 'no'
      }</td><td>${escapeHtml(String(body?.msgtype ?? ''))}</td><td><pre>${escapeHtml(
        JSON.stringify(m.body, null, 2),
      )}</pre></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tidings sandbox</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
pre { margin: 0; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>Tidings sandbox</h1>
<p>DingTalk group robots registered: ${robotCount}. Messages accepted: ${messages.length}. Reload to refresh;
JSON at <a href="/_sandbox/dingtalk/robot-messages">/_sandbox/dingtalk/robot-messages</a>.</p>
<table>
<thead><tr><th>Received</th><th>Access token</th><th>Signed</th><th>msgtype</th><th>Body</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">No messages yet.</td></tr>'}
</tbody>
</table>
</body>
</html>
`;
}
