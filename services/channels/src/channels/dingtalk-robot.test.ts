import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring } from '@tidings/crypto';
import { InputProblems } from '@tidings/graphql';
import { describe, expect, it } from 'vitest';
import { prepareDingTalkRobot } from './dingtalk-robot.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
const token = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6beef';
const url = `https://oapi.dingtalk.com/robot/send?access_token=${token}`;

describe('prepareDingTalkRobot', () => {
  it('seals the access token and signing secret and masks the URL', () => {
    const problems = new InputProblems();
    const prepared = prepareDingTalkRobot(
      { webhookUrl: url, signingSecret: 'SECabc123', keywords: [' alert ', 'alert'] },
      keyring,
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(prepared?.webhookUrlMasked).toBe('https://oapi.dingtalk.com/robot/send?access_token=********beef');
    expect(prepared?.config.keywords).toEqual(['alert']);
    expect(isSealed(prepared!.config.accessToken)).toBe(true);
    expect(openSecret(keyring, prepared!.config.accessToken)).toBe(token);
    expect(openSecret(keyring, prepared!.config.signingSecret!)).toBe('SECabc123');
    expect(JSON.stringify(prepared)).not.toContain(token);
    expect(JSON.stringify(prepared)).not.toContain('SECabc123');
  });

  it('accepts the international host and no signing secret', () => {
    const problems = new InputProblems();
    const prepared = prepareDingTalkRobot(
      { webhookUrl: `https://oapi.dingtalk.io/robot/send?access_token=${token}`, signingSecret: '' },
      keyring,
      problems,
    );
    expect(problems.any).toBe(false);
    expect(prepared?.config.signingSecret).toBeNull();
    expect(prepared?.webhookUrlMasked).toMatch(/^https:\/\/oapi\.dingtalk\.io\/robot\/send/);
  });

  it('names every bad field', () => {
    const problems = new InputProblems();
    const prepared = prepareDingTalkRobot(
      {
        webhookUrl: `https://evil.example.com/robot/send?access_token=${token}`,
        signingSecret: 'abc',
        keywords: ['ok', ' ', ...Array.from({ length: 9 }, (_, i) => `k${i}`)],
      },
      keyring,
      problems,
    );
    expect(prepared).toBeUndefined();
    expect(problems.list.map((p) => [p.field, p.code])).toEqual([
      [['webhookUrl'], 'INVALID'],
      [['signingSecret'], 'INVALID'],
      [['keywords'], 'TOO_MANY'],
      [['keywords', '1'], 'REQUIRED'],
    ]);
    expect(problems.list[0]?.message).toMatch(/host must be/);
  });
});
