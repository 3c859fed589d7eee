import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createJwtVerifier, DEVELOPMENT_JWT } from '@tidings/auth';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/dev-token.ts', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, [script, ...args]);

describe('scripts/dev-token.ts', () => {
  it('prints a token the gateway accepts with the development settings', async () => {
    const { stdout } = await run(
      '--user',
      'u1',
      '--tenant',
      't1',
      '--role',
      'tenant-admin',
      '--owns',
      'p1,p2',
    );
    const verify = createJwtVerifier({
      key: { kind: 'shared-secret', secret: DEVELOPMENT_JWT.secret },
      issuer: DEVELOPMENT_JWT.issuer,
      audience: DEVELOPMENT_JWT.audience,
      clockToleranceSeconds: 0,
    });
    expect(await verify(stdout.trim())).toEqual({
      ok: true,
      claims: { userId: 'u1', tenantId: 't1', roles: ['tenant-admin'], ownedProjectIds: ['p1', 'p2'] },
    });
  });

  it('exits 1 with the usage when --user or --tenant is missing', async () => {
    await expect(run('--tenant', 't1')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--user is required'),
    });
  });
});
