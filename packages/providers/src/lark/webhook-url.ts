/** Hosts of the custom bot webhook: Feishu (China) and Lark (international); same paths (reference §3). */
export const LARK_HOSTS = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
} as const;

export const LARK_BOT_WEBHOOK_HOSTS: readonly string[] = ['open.feishu.cn', 'open.larksuite.com'];

export type ParsedLarkBotWebhookUrl =
  | { ok: true; hookId: string; baseUrl: string }
  | { ok: false; reason: string };

const HOOK_PATH = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/;

/**
 * Accepts only a custom bot webhook URL as copied from the group's bot settings,
 * `https://open.feishu.cn/open-apis/bot/v2/hook/<id>` (or `open.larksuite.com`), and returns the hook id
 * and the host's base URL. A rejection's `reason` says what is wrong, for the user.
 */
export function parseLarkBotWebhookUrl(url: string): ParsedLarkBotWebhookUrl {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: 'a Lark/Feishu bot URL must use https' };
  if (!LARK_BOT_WEBHOOK_HOSTS.includes(parsed.hostname)) {
    return {
      ok: false,
      reason: `host must be ${LARK_BOT_WEBHOOK_HOSTS.join(' or ')}, got ${parsed.hostname}`,
    };
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'a Lark/Feishu bot URL has no port or user name' };
  }
  if (parsed.search !== '') {
    return {
      ok: false,
      reason: 'a Lark/Feishu bot URL has no query string (the signature goes into the body)',
    };
  }
  if (parsed.hash !== '') return { ok: false, reason: 'a Lark/Feishu bot URL has no #fragment' };
  const match = HOOK_PATH.exec(parsed.pathname);
  const hookId = match?.[1];
  if (!hookId) {
    return { ok: false, reason: `path must be /open-apis/bot/v2/hook/<id>, got ${parsed.pathname}` };
  }
  if (!/^[A-Za-z0-9_-]+$/.test(hookId)) {
    return { ok: false, reason: 'the hook id may contain only letters, digits, - and _' };
  }
  return { ok: true, hookId, baseUrl: `https://${parsed.hostname}` };
}
