import { describe, expect, it } from 'vitest';
import { parseDingTalkRobotWebhookUrl } from './webhook-url.ts';

describe('parseDingTalkRobotWebhookUrl', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=0123abcd', '0123abcd'],
    ['https://oapi.dingtalk.io/robot/send?access_token=0123abcd', '0123abcd'],
    ['  https://OAPI.DingTalk.com/robot/send?access_token=abc  ', 'abc'],
    ['https://oapi.dingtalk.com:443/robot/send?access_token=abc', 'abc'],
  ])('accepts %s', (url, accessToken) => {
    expect(parseDingTalkRobotWebhookUrl(url)).toEqual({ ok: true, accessToken });
  });

  it.each([
    ['', 'not a URL'],
    ['oapi.dingtalk.com/robot/send?access_token=abc', 'not a URL'],
    ['http://oapi.dingtalk.com/robot/send?access_token=abc', 'a DingTalk robot URL must use https'],
    [
      'https://open.feishu.cn/robot/send?access_token=abc',
      'host must be oapi.dingtalk.com or oapi.dingtalk.io, got open.feishu.cn',
    ],
    [
      'https://oapi.dingtalk.com.evil.example/robot/send?access_token=abc',
      'host must be oapi.dingtalk.com or oapi.dingtalk.io, got oapi.dingtalk.com.evil.example',
    ],
    [
      'https://oapi.dingtalk.com:8443/robot/send?access_token=abc',
      'a DingTalk robot URL has no port or user name',
    ],
    [
      'https://u:p@oapi.dingtalk.com/robot/send?access_token=abc',
      'a DingTalk robot URL has no port or user name',
    ],
    ['https://oapi.dingtalk.com/robot/sendx?access_token=abc', 'path must be /robot/send, got /robot/sendx'],
    ['https://oapi.dingtalk.com/robot/send/?access_token=abc', 'path must be /robot/send, got /robot/send/'],
    ['https://oapi.dingtalk.com/robot/send?access_token=abc#x', 'a DingTalk robot URL has no #fragment'],
    ['https://oapi.dingtalk.com/robot/send', 'the access_token query parameter is missing'],
    ['https://oapi.dingtalk.com/robot/send?access_token=', 'the access_token query parameter is empty'],
    [
      'https://oapi.dingtalk.com/robot/send?access_token=a&access_token=b',
      'the access_token query parameter appears more than once',
    ],
    ['https://oapi.dingtalk.com/robot/send?access_token=a%20b', 'the access_token contains whitespace'],
    [
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x',
      'remove timestamp and sign from the URL: give the signing secret instead, each message is signed when sent',
    ],
    ['https://oapi.dingtalk.com/robot/send?access_token=abc&foo=1', 'unexpected query parameters: foo'],
  ])('rejects %s', (url, reason) => {
    expect(parseDingTalkRobotWebhookUrl(url)).toEqual({ ok: false, reason });
  });
});
