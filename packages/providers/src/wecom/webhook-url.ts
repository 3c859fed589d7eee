export const WECOM_ROBOT_WEBHOOK_HOST = 'qyapi.weixin.qq.com';

export type ParsedWeComRobotWebhookUrl = { ok: true; key: string } | { ok: false; reason: string };

/**
 * Accepts only a WeCom group robot webhook URL as copied from the robot's settings,
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<KEY>` (path/99110), and returns its key.
 * The key is the only credential (no signing), so treat it as a secret.
 */
export function parseWeComRobotWebhookUrl(url: string): ParsedWeComRobotWebhookUrl {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: 'a WeCom robot URL must use https' };
  if (parsed.hostname !== WECOM_ROBOT_WEBHOOK_HOST) {
    return { ok: false, reason: `host must be ${WECOM_ROBOT_WEBHOOK_HOST}, got ${parsed.hostname}` };
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'a WeCom robot URL has no port or user name' };
  }
  if (parsed.pathname !== '/cgi-bin/webhook/send') {
    return { ok: false, reason: `path must be /cgi-bin/webhook/send, got ${parsed.pathname}` };
  }
  if (parsed.hash !== '') return { ok: false, reason: 'a WeCom robot URL has no #fragment' };
  const keys = parsed.searchParams.getAll('key');
  if (keys.length !== 1) {
    return {
      ok: false,
      reason:
        keys.length === 0
          ? 'the key query parameter is missing'
          : 'the key query parameter appears more than once',
    };
  }
  const key = keys[0] ?? '';
  if (key === '') return { ok: false, reason: 'the key query parameter is empty' };
  if (/\s/.test(key)) return { ok: false, reason: 'the key contains whitespace' };
  const extra = [...new Set(parsed.searchParams.keys())].filter((name) => name !== 'key');
  if (extra.length > 0) return { ok: false, reason: `unexpected query parameters: ${extra.join(', ')}` };
  return { ok: true, key };
}
