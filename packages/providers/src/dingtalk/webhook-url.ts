/** Hosts that serve the custom robot webhook: China, and the international `*.dingtalk.io`. */
export const DINGTALK_ROBOT_WEBHOOK_HOSTS: readonly string[] = ['oapi.dingtalk.com', 'oapi.dingtalk.io'];

export type ParsedDingTalkRobotWebhookUrl = { ok: true; accessToken: string } | { ok: false; reason: string };

/**
 * Accepts only a DingTalk custom robot webhook URL as copied from the robot's settings,
 * `https://oapi.dingtalk.com/robot/send?access_token=<token>` (or the `oapi.dingtalk.io` host),
 * and returns its access token. The `reason` of a rejection names what is wrong, for the user.
 */
export function parseDingTalkRobotWebhookUrl(url: string): ParsedDingTalkRobotWebhookUrl {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: 'a DingTalk robot URL must use https' };
  if (!DINGTALK_ROBOT_WEBHOOK_HOSTS.includes(parsed.hostname)) {
    return {
      ok: false,
      reason: `host must be ${DINGTALK_ROBOT_WEBHOOK_HOSTS.join(' or ')}, got ${parsed.hostname}`,
    };
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'a DingTalk robot URL has no port or user name' };
  }
  if (parsed.pathname !== '/robot/send') {
    return { ok: false, reason: `path must be /robot/send, got ${parsed.pathname}` };
  }
  if (parsed.hash !== '') return { ok: false, reason: 'a DingTalk robot URL has no #fragment' };

  const tokens = parsed.searchParams.getAll('access_token');
  if (tokens.length !== 1) {
    return {
      ok: false,
      reason:
        tokens.length === 0
          ? 'the access_token query parameter is missing'
          : 'the access_token query parameter appears more than once',
    };
  }
  const accessToken = tokens[0] ?? '';
  if (accessToken === '') return { ok: false, reason: 'the access_token query parameter is empty' };
  if (/\s/.test(accessToken)) return { ok: false, reason: 'the access_token contains whitespace' };

  const extra = [...new Set(parsed.searchParams.keys())].filter((key) => key !== 'access_token');
  if (extra.length > 0) {
    const signing = extra.some((key) => key === 'timestamp' || key === 'sign');
    return {
      ok: false,
      reason: signing
        ? 'remove timestamp and sign from the URL: give the signing secret instead, each message is signed when sent'
        : `unexpected query parameters: ${extra.join(', ')}`,
    };
  }
  return { ok: true, accessToken };
}
