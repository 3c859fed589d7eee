import { DEVELOPMENT_KEYRING_TEXT, parseKeyring, sealSecret } from '@tidings/crypto';
import { describe, expect, it } from 'vitest';
import { auditCause, auditRecord, auditRecordSchema, maskSealed } from './index.ts';

const claims = { userId: 'ann', tenantId: 't1', roles: ['tenant-admin'], ownedProjectIds: ['p1'] };

describe('audit records', () => {
  it('never carry a sealed value, wherever it sits in a snapshot', () => {
    const sealed = sealSecret(parseKeyring(DEVELOPMENT_KEYRING_TEXT), 'hush');
    expect(maskSealed({ a: sealed, b: [sealed, 'plain'], c: { d: sealed, e: null, f: 3 } })).toEqual({
      a: 'set',
      b: ['set', 'plain'],
      c: { d: 'set', e: null, f: 3 },
    });
  });

  it('say who, what, when and before/after, and parse back', () => {
    const record = auditRecord(
      auditCause(claims, 'updateRule'),
      { entityType: 'Rule', entityId: 'r1', before: { enabled: true }, after: { enabled: false } },
      '0b9f3f4e-8f0c-4f4e-9d51-3c2f1c1f9a01',
      new Date('2026-01-02T03:04:05.678Z'),
    );
    expect(record).toEqual({
      id: '0b9f3f4e-8f0c-4f4e-9d51-3c2f1c1f9a01',
      tenantId: 't1',
      actor: { userId: 'ann', roles: ['tenant-admin'] },
      mutation: 'updateRule',
      entityType: 'Rule',
      entityId: 'r1',
      before: { enabled: true },
      after: { enabled: false },
      at: '2026-01-02T03:04:05.678Z',
    });
    expect(auditRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });
});
