import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring } from '@tidings/crypto';
import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { prepareDingTalkApp } from './dingtalk-app.ts';
import { prepareLarkApp, prepareLarkBot } from './lark.ts';
import { prepareSmtp, type SmtpInput } from './smtp.ts';
import { prepareWebhook } from './webhook.ts';
import { prepareWeComApp, prepareWeComRobot } from './wecom.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);

function fieldsOf(problems: InputProblems) {
  return problems.list.map((problem) => [problem.field, problem.code]);
}

describe('prepareDingTalkApp', () => {
  it('keeps an explicit robot code and trims ids', () => {
    const problems = new InputProblems();
    const prepared = prepareDingTalkApp(
      {
        clientId: ' dingkey ',
        clientSecret: 's3cret',
        agentId: 7,
        robotCode: 'robot-1',
        mode: 'work-notification',
      },
      keyring,
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(prepared?.config).toMatchObject({ clientId: 'dingkey', robotCode: 'robot-1', agentId: 7 });
    expect(openSecret(keyring, prepared!.config.clientSecret)).toBe('s3cret');
  });

  it('refuses an unknown mode and a fractional agent id', () => {
    const problems = new InputProblems();
    const input = { clientId: 'k', clientSecret: 's', agentId: 1.5, mode: 'broadcast' as 'robot-oto' };
    expect(prepareDingTalkApp(input, keyring, problems)).toBeUndefined();
    expect(fieldsOf(problems)).toEqual([
      [['agentId'], 'INVALID'],
      [['mode'], 'INVALID'],
    ]);
  });
});

describe('prepareLarkBot and prepareLarkApp', () => {
  const hookId = '2f5b3c1a-1111-2222-3333-444455556666';

  it('accepts a Feishu bot without a signing secret or keywords', () => {
    const problems = new InputProblems();
    const prepared = prepareLarkBot(
      { webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${hookId}`, signingSecret: ' ' },
      keyring,
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(prepared?.config).toMatchObject({
      host: 'https://open.feishu.cn',
      signingSecret: null,
      keywords: [],
    });
    expect(openSecret(keyring, prepared!.config.hookId)).toBe(hookId);
    expect(prepared?.webhookUrlMasked).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/********6666');
    expect(JSON.stringify(prepared)).not.toContain(hookId);
  });

  it('names an empty keyword by its index, and a URL with a query string', () => {
    const problems = new InputProblems();
    prepareLarkBot(
      { webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${hookId}?x=1`, keywords: ['a', ''] },
      keyring,
      problems,
    );
    expect(fieldsOf(problems)).toEqual([
      [['webhookUrl'], 'INVALID'],
      [['keywords', '1'], 'REQUIRED'],
    ]);
  });

  it('maps the host name to its URL and refuses an unknown one', () => {
    const problems = new InputProblems();
    const prepared = prepareLarkApp({ host: 'lark', appId: 'cli_1', appSecret: 'sec' }, keyring, problems);
    expect(prepared?.config.host).toBe('https://open.larksuite.com');
    expect(isSealed(prepared!.config.appSecret)).toBe(true);
    const bad = new InputProblems();
    prepareLarkApp({ host: 'toString' as 'lark', appId: 'cli_1', appSecret: 'sec' }, keyring, bad);
    expect(fieldsOf(bad)).toEqual([[['host'], 'INVALID']]);
  });
});

describe('prepareWeComApp and prepareWeComRobot', () => {
  it('keeps the safe flag', () => {
    const problems = new InputProblems();
    const prepared = prepareWeComApp(
      { corpId: 'ww1', corpSecret: 'sec', agentId: 1000002, safe: true },
      keyring,
      problems,
    );
    expect(prepared?.config).toMatchObject({ corpId: 'ww1', agentId: 1000002, safe: true });
  });

  it('keeps an outbound proxy, none by default, and refuses one that is not http(s) or carries credentials', () => {
    const prepare = (proxyUrl?: string) => {
      const problems = new InputProblems();
      const prepared = prepareWeComApp(
        { corpId: 'ww1', corpSecret: 'sec', agentId: 2, ...(proxyUrl !== undefined && { proxyUrl }) },
        keyring,
        problems,
      );
      return { proxy: prepared?.config.proxyUrl, problems: problems.list.map((p) => [p.field, p.message]) };
    };
    expect(prepare()).toEqual({ proxy: null, problems: [] });
    expect(prepare('http://egress.internal:3128')).toEqual({
      proxy: 'http://egress.internal:3128',
      problems: [],
    });
    expect(prepare('socks5://egress:1080').problems).toEqual([
      [['proxyUrl'], 'must be an http:// or https:// proxy URL, e.g. http://egress.internal:3128'],
    ]);
    expect(prepare('http://user:pw@egress:3128').problems).toEqual([
      [['proxyUrl'], 'must not contain a user name or password'],
    ]);
  });

  it('refuses a robot URL with extra parameters or without a key', () => {
    for (const url of [
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc&debug=1',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
      'https://example.com/cgi-bin/webhook/send?key=abc',
    ]) {
      const problems = new InputProblems();
      expect(prepareWeComRobot({ webhookUrl: url }, keyring, problems)).toBeUndefined();
      expect(fieldsOf(problems)).toEqual([[['webhookUrl'], 'INVALID']]);
    }
  });
});

describe('prepareSmtp', () => {
  const base: SmtpInput = {
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    from: 'a@example.com',
  };

  it('accepts a relay without authentication', () => {
    const problems = new InputProblems();
    const prepared = prepareSmtp({ ...base, user: '', password: null }, keyring, problems);
    expect(problems.list).toEqual([]);
    expect(prepared?.config).toMatchObject({ user: null, password: null, security: 'starttls', port: 587 });
  });

  it('names the mismatched security, a password without a user, and a password sent in clear', () => {
    const mismatch = new InputProblems();
    prepareSmtp({ ...base, port: 465 }, keyring, mismatch);
    expect(fieldsOf(mismatch)).toEqual([[['security'], 'INVALID']]);

    const noUser = new InputProblems();
    prepareSmtp({ ...base, password: 'pw' }, keyring, noUser);
    expect(fieldsOf(noUser)).toEqual([[['user'], 'REQUIRED']]);

    const clear = new InputProblems();
    prepareSmtp({ ...base, port: 25, security: 'none', user: 'u', password: 'pw' }, keyring, clear);
    expect(fieldsOf(clear)).toEqual([[['security'], 'INVALID']]);
  });

  it('refuses line breaks in the password and spaces in the user', () => {
    const problems = new InputProblems();
    prepareSmtp({ ...base, user: 'a b', password: 'pw\r\nRCPT' }, keyring, problems);
    expect(fieldsOf(problems)).toEqual([
      [['user'], 'INVALID'],
      [['password'], 'INVALID'],
    ]);
  });
});

describe('prepareWebhook', () => {
  const secret = '0123456789abcdef';

  it('accepts plain http only to a loopback host', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]:9000/']) {
      const problems = new InputProblems();
      expect(prepareWebhook({ url, secret }, keyring, problems)?.config.url).toBe(new URL(url).href);
      expect(problems.list).toEqual([]);
    }
    for (const url of [
      'http://10.0.0.1/hook',
      'ftp://example.com/',
      'not a url',
      'https://u:p@example.com/',
    ]) {
      const problems = new InputProblems();
      expect(prepareWebhook({ url, secret }, keyring, problems)).toBeUndefined();
      expect(fieldsOf(problems)).toEqual([[['url'], 'INVALID']]);
    }
  });

  it('seals the secret, leaves an absent bearer token null and masks query values', () => {
    const problems = new InputProblems();
    const prepared = prepareWebhook(
      { url: 'https://example.com/in?token=abc&x=1', secret, bearerToken: '' },
      keyring,
      problems,
    );
    expect(prepared?.config.bearerToken).toBeNull();
    expect(openSecret(keyring, prepared!.config.secret)).toBe(secret);
    expect(prepared?.webhookUrlMasked).toBe('https://example.com/in?token=********&x=********');
  });
});
