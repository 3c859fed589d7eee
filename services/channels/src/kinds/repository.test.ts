import { describe, expect, it } from 'vitest';
import { kindSettingsOf } from './repository.ts';

describe('kindSettingsOf', () => {
  it('lists every kind in the contract order, enabled unless a stored switch says otherwise', () => {
    const switchedAt = new Date('2026-11-22T08:30:00.000Z');
    const settings = kindSettingsOf([
      { tenantId: 't', kind: 'smtp', enabled: false, updatedAt: switchedAt },
      { tenantId: 't', kind: 'dingtalk-robot', enabled: true, updatedAt: switchedAt },
    ]);
    expect(settings.map((setting) => setting.kind)).toEqual([
      'dingtalk-robot',
      'dingtalk-app',
      'lark-bot',
      'lark-app',
      'wecom-app',
      'wecom-robot',
      'smtp',
      'webhook',
    ]);
    expect(settings.filter((setting) => !setting.enabled).map((setting) => setting.kind)).toEqual(['smtp']);
    expect(settings.find((setting) => setting.kind === 'dingtalk-robot')?.updatedAt).toBe(switchedAt);
    expect(settings.find((setting) => setting.kind === 'lark-app')?.updatedAt).toBeNull();
  });
});
