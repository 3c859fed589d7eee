import { describe, expect, it } from 'vitest';
import { redactedUrlAttributes, tokenEndpointVendor } from './redact.ts';

describe('redactedUrlAttributes', () => {
  it('keeps the origin only: tokens ride in paths and queries', () => {
    for (const url of [
      'https://oapi.dingtalk.com/robot/send?access_token=SECRET&timestamp=1&sign=abc',
      'https://open.feishu.cn/open-apis/bot/v2/hook/SECRET',
      'https://hooks.example.com:8443/SECRET/path?key=SECRET',
    ]) {
      const attributes = redactedUrlAttributes(new URL(url));
      expect(JSON.stringify(attributes)).not.toContain('SECRET');
      expect(attributes['url.full']).toBe(new URL(url).origin);
    }
  });
});

describe('tokenEndpointVendor', () => {
  it('recognises each platform token endpoint and nothing else', () => {
    expect(tokenEndpointVendor('/cgi-bin/gettoken?corpid=x&corpsecret=y')).toBe('wecom');
    expect(tokenEndpointVendor('/gettoken?appkey=x&appsecret=y')).toBe('dingtalk');
    expect(tokenEndpointVendor('/v1.0/oauth2/accessToken')).toBe('dingtalk');
    expect(tokenEndpointVendor('/open-apis/auth/v3/tenant_access_token/internal')).toBe('lark');
    expect(tokenEndpointVendor('/robot/send?access_token=x')).toBeNull();
    expect(tokenEndpointVendor('/cgi-bin/message/send?access_token=x')).toBeNull();
  });
});
