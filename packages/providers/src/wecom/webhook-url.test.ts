import { describe, expect, it } from 'vitest';
import { parseWeComRobotWebhookUrl } from './webhook-url.ts';

describe('parseWeComRobotWebhookUrl', () => {
  it('accepts the URL copied from the robot settings', () => {
    expect(
      parseWeComRobotWebhookUrl(
        ' https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0 ',
      ),
    ).toEqual({ ok: true, key: '693a91f6-7xxx-4bc4-97a0' });
  });

  it.each([
    ['not a url', 'not a URL'],
    ['http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'https'],
    ['https://evil.example/cgi-bin/webhook/send?key=k', 'host must be'],
    ['https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=k', 'port'],
    ['https://qyapi.weixin.qq.com/cgi-bin/message/send?key=k', 'path must be'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send', 'missing'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=', 'empty'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a&key=b', 'more than once'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a&debug=1', 'unexpected query parameters: debug'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a#x', 'fragment'],
  ])('rejects %s', (url, reason) => {
    const parsed = parseWeComRobotWebhookUrl(url);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});
