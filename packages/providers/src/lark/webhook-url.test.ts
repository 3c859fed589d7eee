import { describe, expect, it } from 'vitest';
import { parseLarkBotWebhookUrl } from './webhook-url.ts';

const ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('parseLarkBotWebhookUrl', () => {
  it.each([
    [`https://open.feishu.cn/open-apis/bot/v2/hook/${ID}`, 'https://open.feishu.cn'],
    [`  https://open.larksuite.com/open-apis/bot/v2/hook/${ID} `, 'https://open.larksuite.com'],
  ])('accepts %s', (url, baseUrl) => {
    expect(parseLarkBotWebhookUrl(url)).toEqual({ ok: true, hookId: ID, baseUrl });
  });

  it.each([
    ['nonsense', /^not a URL$/],
    [`http://open.feishu.cn/open-apis/bot/v2/hook/${ID}`, /https/],
    [
      `https://open.feishu.com/open-apis/bot/v2/hook/${ID}`,
      /host must be open\.feishu\.cn or open\.larksuite\.com/,
    ],
    [`https://oapi.dingtalk.com/robot/send?access_token=x`, /host must be/],
    [`https://open.feishu.cn:8443/open-apis/bot/v2/hook/${ID}`, /no port/],
    [`https://open.feishu.cn/open-apis/bot/v1/hook/${ID}`, /path must be \/open-apis\/bot\/v2\/hook\/<id>/],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/', /path must be/],
    [`https://open.feishu.cn/open-apis/bot/v2/hook/${ID}/extra`, /path must be/],
    [`https://open.feishu.cn/open-apis/bot/v2/hook/${ID}?sign=x`, /no query string/],
    [`https://open.feishu.cn/open-apis/bot/v2/hook/${ID}#x`, /fragment/],
    ['https://open.feishu.cn/open-apis/bot/v2/hook/a%20b', /letters, digits/],
  ])('rejects %s', (url, reason) => {
    const result = parseLarkBotWebhookUrl(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
